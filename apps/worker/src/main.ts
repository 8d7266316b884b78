import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { logConfigFromEnv, temporalConfig, type TemporalConfig } from '@avrr/config';
import { WorkerModule } from './worker.module';
import { installWorkerRuntime } from './worker-runtime';
import { TemporalWorker } from './temporal-worker';
import { workerLogger } from './worker-logger';

/**
 * The worker process: a Nest application context (no HTTP server) whose life is the worker's run. Temporal's
 * runtime shuts the worker down on SIGINT/SIGTERM and lets running activities finish; then the context closes.
 */
export async function runWorker(logger = workerLogger(logConfigFromEnv())): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: logger.nest });
  installWorkerRuntime(app.get<TemporalConfig>(temporalConfig.KEY), logger.sdk);
  try {
    await app.get(TemporalWorker).run();
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  let logger: ReturnType<typeof workerLogger> | undefined;
  Promise.resolve()
    .then(() => runWorker((logger = workerLogger(logConfigFromEnv()))))
    .catch((error: unknown) => {
      // In the log's format once it is configured; a LOG_* variable it refuses is said as it is.
      if (logger) logger.log.fatal({ context: 'Worker' }, String(error));
      else console.error(String(error));
      // Open connections would keep a worker that never polls alive: `npm start` restarts one that exits.
      process.exit(1);
    });
}
