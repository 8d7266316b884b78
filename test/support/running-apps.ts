import 'reflect-metadata';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger } from '@temporalio/worker';
import { temporalConfig, type TemporalConfig } from '@avrr/config';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { TemporalWorker } from '../../apps/worker/src/temporal-worker';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { installWorkerRuntime } from '../../apps/worker/src/worker-runtime';
import { testStack } from './test-env';

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
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn'] });
  if (!runtimeInstalled) {
    installWorkerRuntime(app.get<TemporalConfig>(temporalConfig.KEY), new DefaultLogger('WARN'));
    runtimeInstalled = true;
  }
  const running = app.get(TemporalWorker).run();
  return {
    app,
    stop: async () => {
      await app.close();
      await running;
    },
  };
}

export interface ReturnsStack {
  api: RunningApi;
  worker: RunningWorker;
  /** A client of the test's Temporal server, for what only Temporal can tell (runs, histories). */
  temporal: Client;
}

/**
 * For a spec file: the API and the worker, started before its tests and stopped after them. Call it at the top of
 * the `describe`; the fields are set once its `beforeAll` has run.
 */
export function runningReturnsStack(): ReturnsStack {
  const stack = {} as ReturnsStack;
  beforeAll(async () => {
    [stack.api, stack.worker] = await Promise.all([startApi(), startWorker()]);
    stack.temporal = new Client({ connection: await Connection.connect({ address: testStack().temporalAddress }) });
  });
  afterAll(async () => {
    await stack.temporal?.connection.close();
    await stack.api?.close();
    await stack.worker?.stop();
  });
  return stack;
}
