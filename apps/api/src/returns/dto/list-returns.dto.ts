import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsCountryCode } from '../../common/code-rules';
import { IsListCursor } from '../case-list-cursor';
import { IsInstant } from '../../common/validators';
import { CASE_OUTCOMES, PARTNER_KINDS, RETURN_STAGES, type CaseOutcome, type ReturnStage } from '@avrr/contracts';

/**
 * What a case may wait for from a second person, the list's `awaiting` filter: an approval, or finance's check with
 * the payment provider of a voucher it refused to void (it may still be redeemed).
 */
export const AWAITED_APPROVALS = ['tranche-approval', 'plan-approval', 'voucher-check'] as const;
export type AwaitedApproval = (typeof AWAITED_APPROVALS)[number];

/** `true`/`false` in a query string; anything else stays as it came, for @IsBoolean to refuse. */
const queryBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
/** The deepest page asked for by number: a million pages, far beyond any programme's cases. */
const MAX_PAGE = 1_000_000;
const WAITING_ON = new RegExp(`^(staff|(${PARTNER_KINDS.join('|')}):[A-Z0-9]{2,10})$`);

export class ListReturnsQueryDto {
  @ApiPropertyOptional({ enum: RETURN_STAGES })
  @IsOptional()
  @IsIn(RETURN_STAGES, { message: `stage must be one of: ${RETURN_STAGES.join(', ')}` })
  stage?: ReturnStage;

  @ApiPropertyOptional({ enum: CASE_OUTCOMES, description: 'How closed cases ended' })
  @IsOptional()
  @IsIn(CASE_OUTCOMES, { message: `outcome must be one of: ${CASE_OUTCOMES.join(', ')}` })
  outcome?: CaseOutcome;

  @ApiPropertyOptional({ example: 'PK', description: 'Destination country, ISO 3166-1 alpha-2' })
  @IsOptional()
  @IsCountryCode()
  destination?: string;

  @ApiPropertyOptional({ example: 'AVRR-DEMO' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  programme?: string;

  @ApiPropertyOptional({ description: 'Running returns whose awaited answer is past its due date (or not)' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Running returns with a step that keeps failing (or without one)' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean({ message: 'failing must be true or false' })
  failing?: boolean;

  @ApiPropertyOptional({ example: 'consulate:PK', description: 'Running returns waiting on this partner (kind:place)' })
  @IsOptional()
  @Matches(WAITING_ON, {
    message: `partner must be staff or <kind>:<place code>, kind one of: ${PARTNER_KINDS.join(', ')}`,
  })
  partner?: string;

  @ApiPropertyOptional({
    enum: AWAITED_APPROVALS,
    description:
      "Cases with a second person's approval to give: a tranche (finance) or a reintegration plan (supervisor); or a voucher the payment provider refused to void, for finance to check with it",
  })
  @IsOptional()
  @IsIn(AWAITED_APPROVALS, { message: `awaiting must be one of: ${AWAITED_APPROVALS.join(', ')}` })
  awaiting?: AwaitedApproval;

  @ApiPropertyOptional({ format: 'date-time', description: 'Running returns whose awaited answer is due before this' })
  @IsOptional()
  @IsInstant()
  dueBefore?: string;

  @ApiPropertyOptional({
    default: 1,
    minimum: 1,
    maximum: MAX_PAGE,
    description: 'A page by its number (read by skipping the pages before it): `cursor` reads deep pages faster',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({
    description: 'The `next` cursor of the page before: the page after it, as fast at any depth (not with `page`)',
  })
  @IsOptional()
  @IsListCursor()
  cursor?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

export class ReturnSummaryView {
  @ApiProperty() caseRef!: string;
  @ApiProperty() programmeCode!: string;
  @ApiProperty() policyVersion!: number;
  @ApiProperty() destinationCountry!: string;
  @ApiProperty({ enum: RETURN_STAGES, nullable: true }) stage!: ReturnStage | null;
  @ApiProperty({ enum: CASE_OUTCOMES, nullable: true }) outcome!: CaseOutcome | null;
  @ApiProperty({ type: String, format: 'date-time' }) openedAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'consulate:PK',
    description: 'Whom the return waits on',
  })
  waitingOn!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) dueAt!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'How late the awaited answer is, in seconds' })
  lateBySeconds!: number | null;
  @ApiProperty({ type: [String], example: ['bookFlights:HTTP-503'], description: 'Steps that keep failing' })
  blockedBy!: string[];
  @ApiPropertyOptional({ type: String, nullable: true, example: 'RUNNING', description: "The latest run's status" })
  workflowStatus!: string | null;
}

export class ReturnListView {
  @ApiProperty({ type: [ReturnSummaryView] }) items!: ReturnSummaryView[];
  @ApiProperty({ description: 'Cases matching the filters: exact up to 1,000, estimated beyond (see totalEstimated)' })
  total!: number;
  @ApiProperty({ description: "True when total is PostgreSQL's planner estimate rather than a count" })
  totalEstimated!: boolean;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last' })
  next!: string | null;
}
