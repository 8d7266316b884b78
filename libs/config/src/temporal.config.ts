import { readFileSync } from 'node:fs';
import { registerAs } from '@nestjs/config';
import { Expose, Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Min } from 'class-validator';
import { booleanFromEnv, ConfigValidationError, integerFromEnv, validateConfig } from './validate-config';

export class TemporalEnv {
  @Expose()
  @Matches(/^[^\s:]+:\d+$/, { message: 'must be host:port' })
  TEMPORAL_ADDRESS = 'localhost:7233';

  @Expose()
  @IsString()
  @IsNotEmpty()
  TEMPORAL_NAMESPACE = 'default';

  /**
   * The task queue the API starts returns on and the worker polls. A deployment needs a namespace of its own: a
   * return's workflow id is `return-<caseRef>`, which another deployment in the namespace would share.
   */
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
  if (Boolean(e.TEMPORAL_TLS_CERT_FILE) !== Boolean(e.TEMPORAL_TLS_KEY_FILE)) {
    const [given, missing] = e.TEMPORAL_TLS_CERT_FILE
      ? ['TEMPORAL_TLS_CERT_FILE', 'TEMPORAL_TLS_KEY_FILE']
      : ['TEMPORAL_TLS_KEY_FILE', 'TEMPORAL_TLS_CERT_FILE'];
    throw new ConfigValidationError([`${missing}: must be set with ${given} (a client certificate and its key)`]);
  }
  const certPair =
    e.TEMPORAL_TLS_CERT_FILE && e.TEMPORAL_TLS_KEY_FILE
      ? {
          crt: readSetting('TEMPORAL_TLS_CERT_FILE', e.TEMPORAL_TLS_CERT_FILE),
          key: readSetting('TEMPORAL_TLS_KEY_FILE', e.TEMPORAL_TLS_KEY_FILE),
        }
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

/** A file a setting names, or a refusal that names the setting. */
function readSetting(name: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new ConfigValidationError([`${name}: cannot read ${JSON.stringify(path)} (${(error as Error).message})`]);
  }
}

/**
 * Stops a process whose namespace Temporal does not have (it answers NOT_FOUND), naming the setting: it would otherwise
 * start, report healthy, and fail every return it is asked to start. Takes a client's or a worker's workflow service.
 */
export async function assertNamespaceExists(
  workflowService: { describeNamespace(request: { namespace: string }): Promise<unknown> },
  { namespace, address }: Pick<TemporalConfig, 'namespace' | 'address'>,
): Promise<void> {
  try {
    await workflowService.describeNamespace({ namespace });
  } catch (error) {
    if ((error as { code?: number }).code !== GRPC_NOT_FOUND) throw error;
    throw new ConfigValidationError([
      `TEMPORAL_NAMESPACE: Temporal at ${address} has no namespace ${JSON.stringify(namespace)} ` +
        "(create it, and its search attributes: README, 'Pointing at existing servers')",
    ]);
  }
}

const GRPC_NOT_FOUND = 5;

function definedOnly<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}

export const temporalConfig = registerAs('temporal', () => temporalConfigFromEnv());
