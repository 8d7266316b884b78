import { registerAs } from '@nestjs/config';
import { Expose, Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { integerFromEnv, validateConfig } from './validate-config';

export class ReportsEnv {
  /** Breakdown cells with fewer people than this are suppressed, as statistical offices do for small groups. */
  @Expose()
  @Transform(integerFromEnv)
  @IsInt({ message: 'must be a whole number from 1 to 100' })
  @Min(1, { message: 'must be a whole number from 1 to 100' })
  @Max(100, { message: 'must be a whole number from 1 to 100' })
  REPORT_SUPPRESS_BELOW = 5;
}

export interface ReportsConfig {
  suppressBelow: number;
}

export const reportsConfig = registerAs('reports', (): ReportsConfig => ({
  suppressBelow: validateConfig(ReportsEnv).REPORT_SUPPRESS_BELOW,
}));
