import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { temporalConfig, type TemporalConfig } from '@avrr/config';
import { WorkerModule } from './worker.module';
import { installWorkerRuntime } from './worker-runtime';
import { TemporalWorker } from './temporal-worker';

/**
 * The worker process: a Nest application context (no HTTP server) whose life is the worker's run. Temporal's
 * runtime shuts the worker down on SIGINT/SIGTERM and lets running activities finish; then the context closes.
 */
export async function runWorker(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule);
  installWorkerRuntime(app.get<TemporalConfig>(temporalConfig.KEY));
  try {
    await app.get(TemporalWorker).run();
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  runWorker().catch((error: unknown) => {
    console.error(error);
    // Open connections would keep a worker that never polls alive: `npm start` restarts one that exits.
    process.exit(1);
  });
}
