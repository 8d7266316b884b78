import { readFileSync } from 'node:fs';
import { registerAs } from '@nestjs/config';
import { Expose, Transform } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Matches } from 'class-validator';
import { booleanFromEnv, validateConfig } from './validate-config';

export class TemporalEnv {
  @Expose()
  @Matches(/^[^\s:]+:\d+$/, { message: 'must be host:port' })
  TEMPORAL_ADDRESS = 'localhost:7233';

  @Expose()
  @IsString()
  @IsNotEmpty()
  TEMPORAL_NAMESPACE = 'default';

  @Expose()
  @Transform(booleanFromEnv)
  @IsBoolean({ message: 'must be true or false' })
  TEMPORAL_TLS = false;

  @Expose()
  @IsOptional()
  @IsString()
  TEMPORAL_TLS_CERT_FILE?: string;

  @Expose()
  @IsOptional()
  @IsString()
  TEMPORAL_TLS_KEY_FILE?: string;

  @Expose()
  @IsOptional()
  @IsString()
  TEMPORAL_API_KEY?: string;

  /** A prebuilt workflow bundle (see scripts); without it the worker bundles at start. */
  @Expose()
  @IsOptional()
  @IsString()
  TEMPORAL_WORKFLOW_BUNDLE?: string;
}

export interface TemporalConfig {
  address: string;
  namespace: string;
  /** Connection options shared by the client (API) and the worker's native connection. */
  connection: {
    address: string;
    tls?: { clientCertPair?: { crt: Buffer; key: Buffer } };
    apiKey?: string;
  };
  workflowBundlePath?: string;
}

export function temporalConfigFromEnv(env: NodeJS.ProcessEnv = process.env): TemporalConfig {
  const e = validateConfig(TemporalEnv, env);
  const certPair =
    e.TEMPORAL_TLS_CERT_FILE && e.TEMPORAL_TLS_KEY_FILE
      ? { crt: readFileSync(e.TEMPORAL_TLS_CERT_FILE), key: readFileSync(e.TEMPORAL_TLS_KEY_FILE) }
      : undefined;
  // An API key (Temporal Cloud) implies TLS.
  const tls = e.TEMPORAL_TLS || certPair || e.TEMPORAL_API_KEY ? { clientCertPair: certPair } : undefined;
  return {
    address: e.TEMPORAL_ADDRESS,
    namespace: e.TEMPORAL_NAMESPACE,
    connection: { address: e.TEMPORAL_ADDRESS, tls, apiKey: e.TEMPORAL_API_KEY },
    workflowBundlePath: e.TEMPORAL_WORKFLOW_BUNDLE,
  };
}

export const temporalConfig = registerAs('temporal', () => temporalConfigFromEnv());
