import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsString,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CLOSURE_OUTCOMES,
  DISBURSEMENT_METHODS,
  REINTEGRATION_CATEGORIES,
  type ClosureOutcome,
  type DisbursementMethod,
  type ReintegrationCategory,
} from '@avrr/contracts';
import { IsPastDate } from './date-only.validators';

export class PlanItemDto {
  @ApiProperty({ enum: REINTEGRATION_CATEGORIES })
  @IsIn(REINTEGRATION_CATEGORIES, {
    message: `items[].category must be one of: ${REINTEGRATION_CATEGORIES.join(', ')}`,
  })
  category!: ReintegrationCategory;

  @ApiProperty({ example: 'Tools and first stock for a bicycle repair shop' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  description!: string;

  @ApiProperty({ example: 1500, description: "In the programme's currency" })
  @IsNumber({ maxDecimalPlaces: 2 }, { message: 'items[].amount must be a number with at most 2 decimals' })
  @Min(0.01)
  amount!: number;
}

export class PlanDto {
  @ApiProperty({ type: [PlanItemDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PlanItemDto)
  items!: PlanItemDto[];
}

export class DisbursementDto {
  @ApiProperty({ enum: DISBURSEMENT_METHODS })
  @IsIn(DISBURSEMENT_METHODS, {
    message: `method must be one of: ${DISBURSEMENT_METHODS.join(', ')} (reintegration assistance is never paid in cash)`,
  })
  method!: DisbursementMethod;

  @ApiProperty({ example: 600 })
  @IsNumber({ maxDecimalPlaces: 2 }, { message: 'amount must be a number with at most 2 decimals' })
  @Min(0.01)
  amount!: number;

  @ApiPropertyOptional({ example: 'tools and equipment', description: 'For a voucher: what it may buy' })
  @ValidateIf((dto: DisbursementDto) => dto.method === 'voucher')
  @IsString({ message: 'vendorCategory is required for a voucher' })
  @IsNotEmpty({ message: 'vendorCategory is required for a voucher' })
  @MaxLength(80)
  vendorCategory?: string;

  @ApiPropertyOptional({ example: 'Lahore Cycle Traders', description: 'For a vendor payment: who is paid' })
  @ValidateIf((dto: DisbursementDto) => dto.method === 'vendor-payment')
  @IsString({ message: 'vendorName is required for a vendor payment' })
  @IsNotEmpty({ message: 'vendorName is required for a vendor payment' })
  @MaxLength(200)
  vendorName?: string;

  @ApiPropertyOptional({ example: 'INV-2027-114', description: "For a vendor payment: the vendor's invoice" })
  @ValidateIf((dto: DisbursementDto) => dto.method === 'vendor-payment')
  @IsString({ message: 'invoiceRef is required for a vendor payment' })
  @IsNotEmpty({ message: 'invoiceRef is required for a vendor payment' })
  @MaxLength(60)
  invoiceRef?: string;
}

export class HandoverDto {
  @ApiProperty({
    example: 'HC-2027-031',
    description: 'The handover certificate (voucher) or invoice (vendor payment)',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  documentRef!: string;
}

export class MonitoringVisitDto {
  @ApiProperty({ example: 1, description: 'Which follow-up (1 = the first)' })
  @IsInt()
  @Min(1)
  followUp!: number;

  @ApiProperty({ example: '2027-04-12', description: 'YYYY-MM-DD, not in the future' })
  @IsPastDate()
  visitedOn!: string;

  @ApiProperty({
    example: { income: 4, community: 3, wellbeing: 5 },
    description: "The survey's answers by question id, each on its question's scale",
  })
  @IsObject()
  answers!: Record<string, number>;
}

export class ClosureDto {
  @ApiProperty({ enum: CLOSURE_OUTCOMES })
  @IsIn(CLOSURE_OUTCOMES, { message: `outcome must be one of: ${CLOSURE_OUTCOMES.join(', ')}` })
  outcome!: ClosureOutcome;
}
