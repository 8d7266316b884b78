import { Runtime, type Logger } from '@temporalio/worker';
import type { TemporalConfig } from '@avrr/config';

/**
 * Temporal's runtime for this process, installed once before the worker connects: with the SDK's metrics
 * (task slots, schedule-to-start latency, activity failures, ...) served for Prometheus at
 * `TEMPORAL_WORKER_METRICS_ADDRESS` when it is set.
 */
export function installWorkerRuntime(config: Pick<TemporalConfig, 'workerMetricsAddress'>, logger?: Logger): void {
  const bindAddress = config.workerMetricsAddress;
  Runtime.install({
    ...(logger && { logger }),
    ...(bindAddress && { telemetryOptions: { metrics: { prometheus: { bindAddress } } } }),
  });
}
