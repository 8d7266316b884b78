import 'reflect-metadata';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { TemporalWorker } from '../../apps/worker/src/temporal-worker';
import { WorkerModule } from '../../apps/worker/src/worker.module';

export interface RunningApi {
  url: string;
  app: INestApplication;
  close(): Promise<void>;
}

/** The real API application, configured as main.ts configures it, on a free port. */
export async function startApi(): Promise<RunningApi> {
  const app = configureApp(await NestFactory.create(AppModule, { logger: ['error', 'warn'] }));
  await app.listen(0, '127.0.0.1');
  return { url: (await app.getUrl()).replace('[::1]', '127.0.0.1'), app, close: () => app.close() };
}

export interface RunningWorker {
  app: INestApplicationContext;
  stop(): Promise<void>;
}

let runtimeInstalled = false;

/** The real worker application (Nest context, activities, prebuilt workflow bundle), running until stopped. */
export async function startWorker(): Promise<RunningWorker> {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn'] });
  const running = app.get(TemporalWorker).run();
  return {
    app,
    stop: async () => {
      await app.close();
      await running;
    },
  };
}
