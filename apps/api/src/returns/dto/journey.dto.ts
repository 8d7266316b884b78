import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { ArrayNotEmpty, IsIn, Matches } from 'class-validator';
import { REBOOKING_REASONS, type FlightSegment, type RebookingReason } from '@avrr/contracts';
import { ESCORT_KINDS, type EscortKind } from '@avrr/persistence';
import { IATA_AIRPORT } from '../../common/code-rules';
import { NestedArray, OptionalNestedObject } from '../../common/nested';
import { IsNote } from '../../common/text-rules';
import { IsFlightTime, IsPastDate, IsTodayOrLater } from './date-only.validators';
import { PersonDto } from './start-return.dto';

export class TravelCheckDto {
  @ApiProperty({ example: '2026-11-22', description: 'When it was done, YYYY-MM-DD, not in the future' })
  @IsPastDate()
  doneOn!: string;

  @ApiProperty({
    example: 'Dr. Ionescu, Spitalul Colentina: fit to fly with oxygen on board',
    description: 'Who confirmed or traced, and what was found. Kept for staff; never sent to partners',
  })
  @IsNote(2000)
  note!: string;
}

export class FlightSegmentDto implements FlightSegment {
  @ApiProperty({ example: 'RO201' })
  @Matches(/^[A-Z0-9]{2}[0-9]{1,4}[A-Z]?$/, { message: 'flight must be an IATA flight number such as RO201' })
  flight!: string;

  @ApiProperty({ example: 'OTP' })
  @Matches(IATA_AIRPORT, { message: 'from must be an IATA airport code such as OTP' })
  from!: string;

  @ApiProperty({ example: 'IST' })
  @Matches(IATA_AIRPORT, { message: 'to must be an IATA airport code such as IST' })
  to!: string;

  @ApiProperty({ example: '2027-01-12T06:40:00Z', description: 'Scheduled departure, ISO 8601 with its offset' })
  @IsFlightTime()
  departsAt!: string;
}

/** The escort's names as on their documents: the agency books them on the travellers' flights. */
export class EscortDto extends PickType(PersonDto, ['givenName', 'familyName'] as const) {
  @ApiProperty({ enum: ESCORT_KINDS })
  @IsIn(ESCORT_KINDS, { message: `kind must be one of: ${ESCORT_KINDS.join(', ')}` })
  kind!: EscortKind;
}

export class FlightsDto {
  @ApiProperty({ type: [FlightSegmentDto], description: 'In order; each flight leaves from where the last landed' })
  @NestedArray(() => FlightSegmentDto, 6)
  @ArrayNotEmpty()
  segments!: FlightSegmentDto[];

  @ApiPropertyOptional({
    type: EscortDto,
    description: 'Booked on the same flights; required where needs call for one',
  })
  @OptionalNestedObject(() => EscortDto)
  escort?: EscortDto;
}

export class RebookingDto extends FlightsDto {
  @ApiProperty({ enum: REBOOKING_REASONS })
  @IsIn(REBOOKING_REASONS, { message: `reason must be one of: ${REBOOKING_REASONS.join(', ')}` })
  reason!: RebookingReason;
}

export class ItineraryDto extends PickType(FlightsDto, ['segments'] as const) {
  @ApiProperty({ example: 'K7XQ2M', description: "The agency's booking reference" })
  @Matches(/^[A-Z0-9]{5,12}$/, { message: 'bookingRef must be 5 to 12 upper-case letters or digits' })
  bookingRef!: string;
}

export class AccommodationDto {
  @ApiProperty({ example: '2027-01-10', description: 'First night, YYYY-MM-DD, today or later' })
  @IsTodayOrLater()
  from!: string;

  @ApiProperty({ example: '2027-01-12', description: 'Day of leaving, YYYY-MM-DD, not before from' })
  @IsTodayOrLater()
  until!: string;
}

export class TransitDto {
  @ApiProperty({ example: 'IST', description: 'The transit airport whose team confirmed the connection' })
  @Matches(IATA_AIRPORT, { message: 'airport must be an IATA airport code such as IST' })
  airport!: string;
}
