import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, IsIn, IsInt, IsString, Max, Min, registerDecorator, ValidateIf } from 'class-validator';
import {
  CLOSURE_OUTCOMES,
  DISBURSEMENT_METHODS,
  REINTEGRATION_CATEGORIES,
  type ClosureOutcome,
  type DisbursementMethod,
  type ReintegrationCategory,
} from '@avrr/contracts';
import { IsMoney } from '../../common/number-rules';
import { NestedArray } from '../../common/nested';
import { AsReadNotAsTyped, IsNote, IsSingleLine, LooksAsItReads } from '../../common/text-rules';
import { IsPastDate } from './date-only.validators';

export class PlanItemDto {
  @ApiProperty({ enum: REINTEGRATION_CATEGORIES })
  @IsIn(REINTEGRATION_CATEGORIES, {
    message: `$property must be one of: ${REINTEGRATION_CATEGORIES.join(', ')}`,
  })
  category!: ReintegrationCategory;

  @ApiProperty({ example: 'Tools and first stock for a bicycle repair shop' })
  @IsSingleLine(500)
  description!: string;

  @ApiProperty({ example: 1500, description: "In the programme's currency" })
  @IsMoney()
  amount!: number;
}

export class PlanDto {
  @ApiProperty({ type: [PlanItemDto] })
  @NestedArray(() => PlanItemDto, 20)
  @ArrayNotEmpty()
  items!: PlanItemDto[];
}

export class DisbursementDto {
  @ApiProperty({ enum: DISBURSEMENT_METHODS })
  @IsIn(DISBURSEMENT_METHODS, {
    message: `method must be one of: ${DISBURSEMENT_METHODS.join(', ')} (reintegration assistance is never paid in cash)`,
  })
  method!: DisbursementMethod;

  @ApiProperty({ example: 600 })
  @IsMoney()
  amount!: number;

  @ApiPropertyOptional({ example: 'tools and equipment', description: 'For a voucher: what it may buy' })
  @ValidateIf((dto: DisbursementDto) => dto.method === 'voucher' || dto.vendorCategory !== undefined)
  @IsString({ message: 'vendorCategory is required for a voucher' })
  @IsSingleLine(80)
  vendorCategory?: string;

  @ApiPropertyOptional({ example: 'Lahore Cycle Traders', description: 'For a vendor payment: who is paid' })
  @ValidateIf((dto: DisbursementDto) => dto.method === 'vendor-payment' || dto.vendorName !== undefined)
  @IsString({ message: 'vendorName is required for a vendor payment' })
  @IsSingleLine(200)
  @AsReadNotAsTyped()
  @LooksAsItReads()
  vendorName?: string;

  @ApiPropertyOptional({ example: 'INV-2027-114', description: "For a vendor payment: the vendor's invoice" })
  @ValidateIf((dto: DisbursementDto) => dto.method === 'vendor-payment' || dto.invoiceRef !== undefined)
  @IsString({ message: 'invoiceRef is required for a vendor payment' })
  @IsSingleLine(60)
  @AsReadNotAsTyped()
  @LooksAsItReads()
  invoiceRef?: string;
}

export class DisbursementCancellationDto {
  @ApiProperty({ example: 'The vendor cannot deliver', description: 'Why the tranche is not paid: in the timeline' })
  @IsNote(500)
  reason!: string;
}

export class HandoverDto {
  @ApiProperty({
    example: 'HC-2027-031',
    description: 'The handover certificate (voucher) or invoice (vendor payment)',
  })
  @IsSingleLine(60)
  @AsReadNotAsTyped()
  @LooksAsItReads()
  documentRef!: string;
}

export class MonitoringVisitDto {
  @ApiProperty({ example: 1, description: 'Which follow-up (1 = the first)' })
  @IsInt()
  @Min(1)
  @Max(100)
  followUp!: number;

  @ApiProperty({ example: '2027-04-12', description: 'YYYY-MM-DD, not in the future' })
  @IsPastDate()
  visitedOn!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { income: 4, community: 3, wellbeing: 5 },
    description: "The survey's answers by question id, each on its question's scale",
  })
  @IsSurveyAnswers()
  answers!: Record<string, number>;
}

export class ClosureDto {
  @ApiProperty({ enum: CLOSURE_OUTCOMES })
  @IsIn(CLOSURE_OUTCOMES, { message: `outcome must be one of: ${CLOSURE_OUTCOMES.join(', ')}` })
  outcome!: ClosureOutcome;
}

/** Answers by question id: at most 100, each id a survey question id and each answer a finite number. */
function IsSurveyAnswers() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isSurveyAnswers',
      target: target.constructor,
      propertyName,
      options: {
        message: '$property must be an object of at most 100 answers: question ids (a-z, 0-9, -) to numbers',
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).length <= 100 &&
          Object.entries(value).every(
            ([id, answer]) => /^[a-z0-9-]{1,40}$/.test(id) && typeof answer === 'number' && Number.isFinite(answer),
          ),
      },
    });
}

/** What the payment provider says of a voucher it refused to void at closure, as finance checked with it. */
export class VoucherCheckDto {
  @ApiProperty({ enum: ['voided', 'redeemed'], description: 'Voided since (by the provider), or redeemed by a vendor' })
  @IsIn(['voided', 'redeemed'], { message: 'voucher must be one of: voided, redeemed' })
  voucher!: 'voided' | 'redeemed';
}
