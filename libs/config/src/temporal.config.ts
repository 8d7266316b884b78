import { readFileSync } from 'node:fs';
import { registerAs } from '@nestjs/config';
import { Expose, Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Min } from 'class-validator';
import { booleanFromEnv, integerFromEnv, validateConfig } from './validate-config';

export class TemporalEnv {
  @Expose()
  @Matches(/^[^\s:]+:\d+$/, { message: 'must be host:port' })
  TEMPORAL_ADDRESS = 'localhost:7233';

  @Expose()
  @IsString()
  @IsNotEmpty()
  TEMPORAL_NAMESPACE = 'default';

  /** The task queue the API starts returns on and the worker polls: one per deployment sharing a namespace. */
  @Expose()
  @IsString()
  @IsNotEmpty()
  TEMPORAL_TASK_QUEUE = 'avrr-returns';

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

  /** Where the worker serves its Temporal SDK metrics for Prometheus (`host:port`); none without it. */
  @Expose()
  @IsOptional()
  @Matches(/^[^\s:]+:\d+$/, { message: 'must be host:port' })
  TEMPORAL_WORKER_METRICS_ADDRESS?: string;

  /** Workflows the worker keeps in memory between tasks (the SDK derives it from the heap size when unset). */
  @Expose()
  @IsOptional()
  @Transform(integerFromEnv)
  @IsInt({ message: 'must be a whole number, 0 or more' })
  @Min(0, { message: 'must be a whole number, 0 or more' })
  TEMPORAL_MAX_CACHED_WORKFLOWS?: number;

  @Expose()
  @IsOptional()
  @Transform(integerFromEnv)
  @IsInt({ message: 'must be a whole number, at least 1' })
  @Min(1, { message: 'must be a whole number, at least 1' })
  TEMPORAL_MAX_CONCURRENT_ACTIVITIES?: number;

  @Expose()
  @IsOptional()
  @Transform(integerFromEnv)
  @IsInt({ message: 'must be a whole number, at least 2' })
  @Min(2, { message: 'must be a whole number, at least 2' })
  TEMPORAL_MAX_CONCURRENT_WORKFLOW_TASKS?: number;
}

/** The worker's capacity; each field left out keeps the SDK's default. */
export interface WorkerTuning {
  maxCachedWorkflows?: number;
  maxConcurrentActivityTaskExecutions?: number;
  maxConcurrentWorkflowTaskExecutions?: number;
}

export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  /** Connection options shared by the client (API) and the worker's native connection. */
  connection: {
    address: string;
    tls?: { clientCertPair?: { crt: Buffer; key: Buffer } };
    apiKey?: string;
  };
  workflowBundlePath?: string;
  workerMetricsAddress?: string;
  worker: WorkerTuning;
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
    taskQueue: e.TEMPORAL_TASK_QUEUE,
    connection: { address: e.TEMPORAL_ADDRESS, tls, apiKey: e.TEMPORAL_API_KEY },
    workflowBundlePath: e.TEMPORAL_WORKFLOW_BUNDLE,
    workerMetricsAddress: e.TEMPORAL_WORKER_METRICS_ADDRESS,
    worker: definedOnly({
      maxCachedWorkflows: e.TEMPORAL_MAX_CACHED_WORKFLOWS,
      maxConcurrentActivityTaskExecutions: e.TEMPORAL_MAX_CONCURRENT_ACTIVITIES,
      maxConcurrentWorkflowTaskExecutions: e.TEMPORAL_MAX_CONCURRENT_WORKFLOW_TASKS,
    }),
  };
}

function definedOnly<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}

export const temporalConfig = registerAs('temporal', () => temporalConfigFromEnv());
