import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsISO31661Alpha2,
  IsISO4217CurrencyCode,
  IsNotEmpty,
  IsNumber,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  BOOKING_CHANNELS,
  SURVEY_DIMENSIONS,
  TARGET_GROUPS,
  VULNERABILITIES,
  type BookingChannel,
  type ProgrammePolicy,
  type ReintegrationPolicy,
  type SurveyDimension,
  type SurveyPolicy,
  type SurveyQuestion,
  type TargetGroup,
  type TravelPolicy,
  type Vulnerability,
} from '@avrr/contracts';
import { IsIsoDuration } from '../../common/validators';

export const PROGRAMME_CODE = /^[A-Z0-9][A-Z0-9-]{1,39}$/;

class ReturnAllowanceDto {
  @ApiProperty({ example: 100, description: 'Per adult, handed over at departure' })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  amount!: number;

  @ApiProperty({ example: 'USD', description: 'ISO 4217' })
  @IsISO4217CurrencyCode()
  currency!: string;
}

class PartnerStepPolicyDto {
  @ApiProperty({ example: 'P14D' }) @IsIsoDuration() dueAfter!: string;
  @ApiProperty({ example: 'P7D' }) @IsIsoDuration() reminderEvery!: string;
  @ApiProperty({ example: 'P28D', description: 'After the request; longer than dueAfter' })
  @IsIsoDuration()
  escalateAfter!: string;
}

class TravelPolicyDto implements TravelPolicy {
  @ApiProperty({ enum: BOOKING_CHANNELS, description: "The agency's booking API, or e-mail to the agency" })
  @IsIn(BOOKING_CHANNELS, { message: `booking must be one of: ${BOOKING_CHANNELS.join(', ')}` })
  booking!: BookingChannel;

  @ApiProperty({ example: 'RO-TRAVEL', description: 'The travel agency in the partner directory (its place)' })
  @Matches(/^[A-Z0-9-]{2,10}$/, { message: 'agencyCode must be 2 to 10 upper-case letters, digits or dashes' })
  agencyCode!: string;

  @ApiProperty({ type: PartnerStepPolicyDto, description: "The agency's itinerary after an e-mailed request" })
  @ValidateNested()
  @Type(() => PartnerStepPolicyDto)
  agencyAnswer!: PartnerStepPolicyDto;

  @ApiProperty({
    type: PartnerStepPolicyDto,
    description: "Departure, transit and arrival confirmations, counted from the flight's scheduled departure",
  })
  @ValidateNested()
  @Type(() => PartnerStepPolicyDto)
  confirmations!: PartnerStepPolicyDto;

  @ApiProperty({ type: PartnerStepPolicyDto, description: "The mission's confirmation, counted from arrival" })
  @ValidateNested()
  @Type(() => PartnerStepPolicyDto)
  onwardTravel!: PartnerStepPolicyDto;

  @ApiProperty({ enum: VULNERABILITIES, isArray: true, example: ['medical-need', 'pregnancy'] })
  @IsArray()
  @ArrayUnique()
  @IsIn(VULNERABILITIES, { each: true, message: `fitToTravelFor must each be one of: ${VULNERABILITIES.join(', ')}` })
  fitToTravelFor!: Vulnerability[];

  @ApiProperty({ enum: VULNERABILITIES, isArray: true, example: ['medical-need', 'unaccompanied-child'] })
  @IsArray()
  @ArrayUnique()
  @IsIn(VULNERABILITIES, { each: true, message: `escortFor must each be one of: ${VULNERABILITIES.join(', ')}` })
  escortFor!: Vulnerability[];

  @ApiProperty({ enum: VULNERABILITIES, isArray: true, example: ['unaccompanied-child'] })
  @IsArray()
  @ArrayUnique()
  @IsIn(VULNERABILITIES, {
    each: true,
    message: `familyTracingFor must each be one of: ${VULNERABILITIES.join(', ')}`,
  })
  familyTracingFor!: Vulnerability[];
}

class SurveyQuestionDto implements SurveyQuestion {
  @ApiProperty({ example: 'income-sufficient' })
  @Matches(/^[a-z0-9-]{1,40}$/, { message: 'questions[].id must be 1 to 40 lower-case letters, digits or dashes' })
  id!: string;

  @ApiProperty({ enum: SURVEY_DIMENSIONS })
  @IsIn(SURVEY_DIMENSIONS, { message: `questions[].dimension must be one of: ${SURVEY_DIMENSIONS.join(', ')}` })
  dimension!: SurveyDimension;

  @ApiProperty({ example: 1, description: 'Weight within its dimension' })
  @IsNumber()
  @Min(0.0001)
  weight!: number;

  @ApiProperty({ example: 1, description: 'The least sustainable answer' }) @IsNumber() min!: number;
  @ApiProperty({ example: 5, description: 'The most sustainable answer' }) @IsNumber() max!: number;
}

class DimensionWeightsDto implements Record<SurveyDimension, number> {
  @ApiProperty({ example: 1 }) @IsNumber() @Min(0) economic!: number;
  @ApiProperty({ example: 1 }) @IsNumber() @Min(0) social!: number;
  @ApiProperty({ example: 1 }) @IsNumber() @Min(0) psychosocial!: number;
}

class SurveyPolicyDto implements SurveyPolicy {
  @ApiProperty({ example: 'rss-2026-1' }) @IsString() @IsNotEmpty() @MaxLength(40) version!: string;

  @ApiProperty({ type: [SurveyQuestionDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ValidateNested({ each: true })
  @Type(() => SurveyQuestionDto)
  questions!: SurveyQuestionDto[];

  @ApiProperty({ type: DimensionWeightsDto })
  @ValidateNested()
  @Type(() => DimensionWeightsDto)
  dimensionWeights!: DimensionWeightsDto;
}

class MonitoringPolicyDto {
  @ApiProperty({ example: ['P91D', 'P182D', 'P365D'], description: 'Follow-ups after arrival, in order' })
  @IsArray()
  @IsIsoDuration({ each: true })
  offsets!: string[];

  @ApiProperty({ type: PartnerStepPolicyDto, description: "The mission's visit, counted from the follow-up date" })
  @ValidateNested()
  @Type(() => PartnerStepPolicyDto)
  visit!: PartnerStepPolicyDto;

  @ApiProperty({ example: 'P42D', description: 'After the follow-up date: a visit not recorded by then is missed' })
  @IsIsoDuration()
  missedAfter!: string;
}

class ReintegrationPolicyDto implements ReintegrationPolicy {
  @ApiProperty({ description: 'Whether the programme funds reintegration where it has a mission' })
  @IsBoolean()
  funded!: boolean;

  @ApiProperty({ example: 'EUR' }) @IsISO4217CurrencyCode() currency!: string;

  @ApiProperty({ example: 2000, description: "The budget's ceiling per adult" })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  perAdult!: number;

  @ApiProperty({ example: 1000, description: "The budget's ceiling per child" })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  perChild!: number;

  @ApiProperty({ type: PartnerStepPolicyDto, description: "The mission's plan, counted from arrival" })
  @ValidateNested()
  @Type(() => PartnerStepPolicyDto)
  plan!: PartnerStepPolicyDto;

  @ApiProperty({ example: 'P90D' }) @IsIsoDuration() voucherValidFor!: string;

  @ApiProperty({ type: MonitoringPolicyDto })
  @ValidateNested()
  @Type(() => MonitoringPolicyDto)
  monitoring!: MonitoringPolicyDto;

  @ApiProperty({ type: SurveyPolicyDto })
  @ValidateNested()
  @Type(() => SurveyPolicyDto)
  survey!: SurveyPolicyDto;
}

export class PolicyDto implements ProgrammePolicy {
  @ApiProperty({ enum: TARGET_GROUPS, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(TARGET_GROUPS, {
    each: true,
    message: `eligibleTargetGroups must each be one of: ${TARGET_GROUPS.join(', ')}`,
  })
  eligibleTargetGroups!: TargetGroup[];

  @ApiProperty({ example: ['SY'], description: 'ISO 3166-1 alpha-2 codes of destinations closed for return' })
  @IsArray()
  @ArrayUnique()
  @IsISO31661Alpha2({ each: true, message: 'closedDestinations must each be an ISO 3166-1 alpha-2 code' })
  closedDestinations!: string[];

  @ApiProperty({ example: ['PK', 'NG'], description: 'Countries with an IOM mission: reintegration possible' })
  @IsArray()
  @ArrayUnique()
  @IsISO31661Alpha2({ each: true, message: 'missionCountries must each be an ISO 3166-1 alpha-2 code' })
  missionCountries!: string[];

  @ApiProperty({ type: ReturnAllowanceDto })
  @ValidateNested()
  @Type(() => ReturnAllowanceDto)
  returnAllowance!: ReturnAllowanceDto;

  @ApiProperty({ example: 'P60D', description: 'How long a case may wait for its signed declaration' })
  @IsIsoDuration()
  declarationWithin!: string;

  @ApiProperty({ type: PartnerStepPolicyDto })
  @ValidateNested()
  @Type(() => PartnerStepPolicyDto)
  travelDocument!: PartnerStepPolicyDto;

  @ApiProperty({ example: ['supervisor@example.org'] })
  @IsArray()
  @ArrayNotEmpty()
  @IsEmail({}, { each: true, message: 'escalationContacts must each be an e-mail address' })
  escalationContacts!: string[];

  @ApiProperty({ type: TravelPolicyDto })
  @ValidateNested()
  @Type(() => TravelPolicyDto)
  travel!: TravelPolicyDto;

  @ApiProperty({ type: ReintegrationPolicyDto })
  @ValidateNested()
  @Type(() => ReintegrationPolicyDto)
  reintegration!: ReintegrationPolicyDto;
}

export class CreateProgrammeDto {
  @ApiProperty({ example: 'AVRR-RO-2026' })
  @Matches(PROGRAMME_CODE, { message: 'code must be 2 to 40 upper-case letters, digits or dashes' })
  code!: string;

  @ApiProperty({ example: 'AVRR Romania 2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ type: PolicyDto })
  @ValidateNested()
  @Type(() => PolicyDto)
  policy!: PolicyDto;
}

export class ReviseProgrammeDto {
  @ApiProperty({ type: PolicyDto })
  @ValidateNested()
  @Type(() => PolicyDto)
  policy!: PolicyDto;
}

export class ProgrammeVersionView {
  @ApiProperty() code!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: PolicyDto }) policy!: ProgrammePolicy;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
}

export class ProgrammeView {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() currentVersion!: number;
  @ApiProperty({ type: PolicyDto }) policy!: ProgrammePolicy;
  @ApiProperty({ type: [Object], description: 'Every version, oldest first: { version, createdAt }' })
  versions!: { version: number; createdAt: Date }[];
}
