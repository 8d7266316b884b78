import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsIn, Matches } from 'class-validator';
import {
  DEPARTURE_CONFIRMABLE_FROM,
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
import { IsCountryCode, IsCurrencyCode } from '../../common/code-rules';
import { NestedArray, NestedObject, NoRepeats, Optional } from '../../common/nested';
import { IsBoundedNumber, IsMoney } from '../../common/number-rules';
import { IsEmailAddress, IsSingleLine } from '../../common/text-rules';
import { IsIsoDuration } from '../../common/validators';

export const PROGRAMME_CODE = /^[A-Z0-9][A-Z0-9-]{1,39}$/;

class ReturnAllowanceDto {
  @ApiProperty({ example: 100, description: 'Per adult, handed over at departure' })
  @IsMoney({ allowZero: true })
  amount!: number;

  @ApiProperty({ example: 'USD', description: 'ISO 4217' })
  @IsCurrencyCode()
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
  @NestedObject(() => PartnerStepPolicyDto)
  agencyAnswer!: PartnerStepPolicyDto;

  @ApiProperty({
    type: PartnerStepPolicyDto,
    description: "Departure, transit and arrival confirmations, counted from the flight's scheduled departure",
  })
  @NestedObject(() => PartnerStepPolicyDto)
  confirmations!: PartnerStepPolicyDto;

  @ApiPropertyOptional({
    example: 'PT6H',
    description: `How long before the first flight departure may be confirmed (${DEPARTURE_CONFIRMABLE_FROM} unless given)`,
  })
  @Optional()
  @IsIsoDuration()
  departureConfirmableFrom?: string;

  @ApiPropertyOptional({
    example: 'PT1H',
    description:
      'How long before the flight that takes the travellers there a transit or the arrival may be confirmed (not before it leaves unless given)',
  })
  @Optional()
  @IsIsoDuration()
  arrivalConfirmableFrom?: string;

  @ApiProperty({ type: PartnerStepPolicyDto, description: "The mission's confirmation, counted from arrival" })
  @NestedObject(() => PartnerStepPolicyDto)
  onwardTravel!: PartnerStepPolicyDto;

  @ApiProperty({ enum: VULNERABILITIES, isArray: true, example: ['medical-need', 'pregnancy'] })
  @IsArray()
  @NoRepeats()
  @IsIn(VULNERABILITIES, { each: true, message: `fitToTravelFor must each be one of: ${VULNERABILITIES.join(', ')}` })
  fitToTravelFor!: Vulnerability[];

  @ApiProperty({ enum: VULNERABILITIES, isArray: true, example: ['medical-need', 'unaccompanied-child'] })
  @IsArray()
  @NoRepeats()
  @IsIn(VULNERABILITIES, { each: true, message: `escortFor must each be one of: ${VULNERABILITIES.join(', ')}` })
  escortFor!: Vulnerability[];

  @ApiProperty({ enum: VULNERABILITIES, isArray: true, example: ['unaccompanied-child'] })
  @IsArray()
  @NoRepeats()
  @IsIn(VULNERABILITIES, {
    each: true,
    message: `familyTracingFor must each be one of: ${VULNERABILITIES.join(', ')}`,
  })
  familyTracingFor!: Vulnerability[];
}

class SurveyQuestionDto implements SurveyQuestion {
  @ApiProperty({ example: 'income-sufficient' })
  @Matches(/^[a-z0-9-]{1,40}$/, { message: '$property must be 1 to 40 lower-case letters, digits or dashes' })
  id!: string;

  @ApiPropertyOptional({ example: 'Is your income enough to meet your needs?', description: 'As the monitor asks it' })
  @Optional()
  @IsSingleLine(300)
  text?: string;

  @ApiProperty({ enum: SURVEY_DIMENSIONS })
  @IsIn(SURVEY_DIMENSIONS, { message: `$property must be one of: ${SURVEY_DIMENSIONS.join(', ')}` })
  dimension!: SurveyDimension;

  @ApiProperty({ example: 1, description: 'Weight within its dimension' })
  @IsBoundedNumber(0.0001, 1000)
  weight!: number;

  @ApiProperty({ example: 1, description: 'The least sustainable answer' }) @IsBoundedNumber(-1000, 1000) min!: number;
  @ApiProperty({ example: 5, description: 'The most sustainable answer' }) @IsBoundedNumber(-1000, 1000) max!: number;
}

class DimensionWeightsDto implements Record<SurveyDimension, number> {
  @ApiProperty({ example: 1 }) @IsBoundedNumber(0, 1000) economic!: number;
  @ApiProperty({ example: 1 }) @IsBoundedNumber(0, 1000) social!: number;
  @ApiProperty({ example: 1 }) @IsBoundedNumber(0, 1000) psychosocial!: number;
}

class SurveyPolicyDto implements SurveyPolicy {
  @ApiProperty({ example: 'rss-2026-1' }) @IsSingleLine(40) version!: string;

  @ApiProperty({ type: [SurveyQuestionDto] })
  @NestedArray(() => SurveyQuestionDto, 50)
  @ArrayNotEmpty()
  questions!: SurveyQuestionDto[];

  @ApiProperty({ type: DimensionWeightsDto })
  @NestedObject(() => DimensionWeightsDto)
  dimensionWeights!: DimensionWeightsDto;
}

class MonitoringPolicyDto {
  @ApiProperty({ example: ['P91D', 'P182D', 'P365D'], description: 'Follow-ups after arrival, in order' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsIsoDuration({ each: true })
  offsets!: string[];

  @ApiProperty({ type: PartnerStepPolicyDto, description: "The mission's visit, counted from the follow-up date" })
  @NestedObject(() => PartnerStepPolicyDto)
  visit!: PartnerStepPolicyDto;

  @ApiProperty({ example: 'P42D', description: 'After the follow-up date: a visit not recorded by then is missed' })
  @IsIsoDuration()
  missedAfter!: string;
}

class ReintegrationPolicyDto implements ReintegrationPolicy {
  @ApiProperty({ description: 'Whether the programme funds reintegration where it has a mission' })
  @IsBoolean()
  funded!: boolean;

  @ApiProperty({ example: 'EUR' }) @IsCurrencyCode() currency!: string;

  @ApiProperty({ example: 2000, description: "The budget's ceiling per adult" })
  @IsMoney({ allowZero: true })
  perAdult!: number;

  @ApiProperty({ example: 1000, description: "The budget's ceiling per child" })
  @IsMoney({ allowZero: true })
  perChild!: number;

  @ApiProperty({ type: PartnerStepPolicyDto, description: "The mission's plan, counted from arrival" })
  @NestedObject(() => PartnerStepPolicyDto)
  plan!: PartnerStepPolicyDto;

  @ApiProperty({ example: 'P90D' }) @IsIsoDuration() voucherValidFor!: string;

  @ApiProperty({ type: MonitoringPolicyDto })
  @NestedObject(() => MonitoringPolicyDto)
  monitoring!: MonitoringPolicyDto;

  @ApiProperty({ type: SurveyPolicyDto })
  @NestedObject(() => SurveyPolicyDto)
  survey!: SurveyPolicyDto;
}

export class PolicyDto implements ProgrammePolicy {
  @ApiProperty({ enum: TARGET_GROUPS, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @NoRepeats()
  @IsIn(TARGET_GROUPS, {
    each: true,
    message: `eligibleTargetGroups must each be one of: ${TARGET_GROUPS.join(', ')}`,
  })
  eligibleTargetGroups!: TargetGroup[];

  @ApiProperty({ example: ['SY'], description: 'ISO 3166-1 alpha-2 codes of destinations closed for return' })
  @IsArray()
  @NoRepeats()
  @IsCountryCode({ each: true, message: 'closedDestinations must each be an ISO 3166-1 alpha-2 country code' })
  closedDestinations!: string[];

  @ApiProperty({ example: ['PK', 'NG'], description: 'Countries with an IOM mission: reintegration possible' })
  @IsArray()
  @NoRepeats()
  @IsCountryCode({ each: true, message: 'missionCountries must each be an ISO 3166-1 alpha-2 country code' })
  missionCountries!: string[];

  @ApiProperty({ type: ReturnAllowanceDto })
  @NestedObject(() => ReturnAllowanceDto)
  returnAllowance!: ReturnAllowanceDto;

  @ApiProperty({ example: 'P60D', description: 'How long a case may wait for its signed declaration' })
  @IsIsoDuration()
  declarationWithin!: string;

  @ApiProperty({ type: PartnerStepPolicyDto })
  @NestedObject(() => PartnerStepPolicyDto)
  travelDocument!: PartnerStepPolicyDto;

  @ApiProperty({ example: ['supervisor@example.org'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(20)
  @IsEmailAddress({ each: true, message: 'escalationContacts must each be an e-mail address' })
  escalationContacts!: string[];

  @ApiProperty({ type: TravelPolicyDto })
  @NestedObject(() => TravelPolicyDto)
  travel!: TravelPolicyDto;

  @ApiProperty({ type: ReintegrationPolicyDto })
  @NestedObject(() => ReintegrationPolicyDto)
  reintegration!: ReintegrationPolicyDto;
}

export class CreateProgrammeDto {
  @ApiProperty({ example: 'AVRR-RO-2026' })
  @Matches(PROGRAMME_CODE, { message: 'code must be 2 to 40 upper-case letters, digits or dashes' })
  code!: string;

  @ApiProperty({ example: 'AVRR Romania 2026' })
  @IsSingleLine(200)
  name!: string;

  @ApiProperty({ type: PolicyDto })
  @NestedObject(() => PolicyDto)
  policy!: PolicyDto;
}

export class ReviseProgrammeDto {
  @ApiProperty({ type: PolicyDto })
  @NestedObject(() => PolicyDto)
  policy!: PolicyDto;
}

export class ProgrammeVersionView {
  @ApiProperty() code!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: PolicyDto }) policy!: ProgrammePolicy;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
}

export class ProgrammeSummaryView {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() currentVersion!: number;
}

export class ProgrammeView {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() currentVersion!: number;
  @ApiProperty({ type: PolicyDto }) policy!: ProgrammePolicy;
  @ApiProperty({ type: [Object], description: 'Every version, oldest first: { version, createdAt }' })
  versions!: { version: number; createdAt: Date }[];
}
