import { registerAs } from '@nestjs/config';
import { Expose, Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Min } from 'class-validator';
import { integerFromEnv, validateConfig } from './validate-config';

export class PaymentEnv {
  /** The payment provider's API (the sandbox in local runs and tests); without it, reintegration is not paid. */
  @Expose()
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  PAYMENT_API_URL?: string;

  @Expose()
  @IsOptional()
  @IsString()
  PAYMENT_API_KEY?: string;

  @Expose()
  @Transform(integerFromEnv)
  @IsInt({ message: 'must be a whole number of milliseconds, at least 100' })
  @Min(100, { message: 'must be a whole number of milliseconds, at least 100' })
  PAYMENT_TIMEOUT_MS = 10_000;
}

export interface PaymentConfig {
  api?: { url: string; apiKey?: string; timeoutMs: number };
}

export const paymentConfig = registerAs('payment', (): PaymentConfig => {
  const e = validateConfig(PaymentEnv);
  return {
    api: e.PAYMENT_API_URL
      ? { url: e.PAYMENT_API_URL, apiKey: e.PAYMENT_API_KEY, timeoutMs: e.PAYMENT_TIMEOUT_MS }
      : undefined,
  };
});
