import { registerAs } from '@nestjs/config';
import { Expose, Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Matches, Max, Min } from 'class-validator';
import { integerFromEnv, validateConfig } from './validate-config';

export class MailEnv {
  @Expose()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL!: string;

  @Expose()
  @IsString()
  @IsNotEmpty()
  MAIL_FROM = 'AVRR operations <avrr-operations@localhost>';

  @Expose()
  @Transform(integerFromEnv)
  @IsInt({ message: 'must be a whole number of milliseconds, at least 100' })
  @Min(100, { message: 'must be a whole number of milliseconds, at least 100' })
  SMTP_CONNECTION_TIMEOUT_MS = 10_000;

  /** Pooled SMTP connections kept open to the server: each e-mail reuses one instead of connecting anew. */
  @Expose()
  @Transform(integerFromEnv)
  @IsInt({ message: 'must be a whole number from 1 to 50' })
  @Min(1, { message: 'must be a whole number from 1 to 50' })
  @Max(50, { message: 'must be a whole number from 1 to 50' })
  SMTP_MAX_CONNECTIONS = 5;
}

export interface MailConfig {
  smtpUrl: string;
  from: string;
  connectionTimeoutMs: number;
  maxConnections: number;
}

export const mailConfig = registerAs('mail', (): MailConfig => {
  const e = validateConfig(MailEnv);
  return {
    smtpUrl: e.SMTP_URL,
    from: e.MAIL_FROM,
    connectionTimeoutMs: e.SMTP_CONNECTION_TIMEOUT_MS,
    maxConnections: e.SMTP_MAX_CONNECTIONS,
  };
});
