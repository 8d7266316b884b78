import { registerAs } from '@nestjs/config';
import { Expose, Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Min } from 'class-validator';
import { integerFromEnv, validateConfig } from './validate-config';

export class TravelEnv {
  /** The travel agency's booking API (the sandbox in local runs and tests); without it, no API booking. */
  @Expose()
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  TRAVEL_AGENCY_API_URL?: string;

  @Expose()
  @IsOptional()
  @IsString()
  TRAVEL_AGENCY_API_KEY?: string;

  @Expose()
  @Transform(integerFromEnv)
  @IsInt({ message: 'must be a whole number of milliseconds, at least 100' })
  @Min(100, { message: 'must be a whole number of milliseconds, at least 100' })
  TRAVEL_AGENCY_TIMEOUT_MS = 10_000;
}

export interface TravelConfig {
  agencyApi?: { url: string; apiKey?: string; timeoutMs: number };
}

export const travelConfig = registerAs('travel', (): TravelConfig => {
  const e = validateConfig(TravelEnv);
  return {
    agencyApi: e.TRAVEL_AGENCY_API_URL
      ? { url: e.TRAVEL_AGENCY_API_URL, apiKey: e.TRAVEL_AGENCY_API_KEY, timeoutMs: e.TRAVEL_AGENCY_TIMEOUT_MS }
      : undefined,
  };
});
