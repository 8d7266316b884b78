import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** A month or a year from 1900 to 2199: no programme's figures lie outside them. */
const MONTH = /^(19|2[01])\d{2}(-(0[1-9]|1[0-2]))?$/;

export class ReportQueryDto {
  @ApiPropertyOptional({ example: 'AVRR-RO', description: 'One programme; without it, every programme you cover' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  programme?: string;

  @ApiPropertyOptional({ example: '2015', description: 'First month of the period: YYYY-MM, or YYYY for January' })
  @IsOptional()
  @Matches(MONTH, { message: 'from must be a month (YYYY-MM) or a year (YYYY), from 1900 to 2199' })
  from?: string;

  @ApiPropertyOptional({ example: '2023', description: 'Last month of the period: YYYY-MM, or YYYY for December' })
  @IsOptional()
  @Matches(MONTH, { message: 'to must be a month (YYYY-MM) or a year (YYYY), from 1900 to 2199' })
  to?: string;

  @ApiPropertyOptional({ enum: ['year', 'month'], default: 'year' })
  @IsOptional()
  @IsIn(['year', 'month'], { message: 'granularity must be one of: year, month' })
  granularity?: 'year' | 'month';

  @ApiPropertyOptional({
    description: 'Suppress breakdown cells under this count; never below the configured REPORT_SUPPRESS_BELOW',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  suppressBelow?: number;
}
