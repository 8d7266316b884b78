import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO31661Alpha2, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CASE_OUTCOMES, RETURN_STAGES, type CaseOutcome, type ReturnStage } from '@avrr/contracts';

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
  @IsISO31661Alpha2()
  destination?: string;

  @ApiPropertyOptional({ example: 'AVRR-RO-2026' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  programme?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

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
  @ApiProperty({ format: 'date-time' }) openedAt!: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt!: Date;
}

export class ReturnListView {
  @ApiProperty({ type: [ReturnSummaryView] }) items!: ReturnSummaryView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
