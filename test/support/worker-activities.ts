import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { createActivities } from '@avrr/activities';
import type { ReturnActivities } from '@avrr/contracts';
import { WorkerModule } from '../../apps/worker/src/worker.module';

export interface WorkerActivities {
  app: INestApplicationContext;
  /** The activities object the worker registers, bound to the real services. */
  activities: ReturnActivities;
  dataSource: DataSource;
}

/** The worker's Nest context (real PostgreSQL, SMTP and agency sandbox) without a Temporal worker, for activity tests. */
export async function startWorkerActivities(): Promise<WorkerActivities> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
  return {
    app,
    activities: createActivities((service) => app.get(service, { strict: false })),
    dataSource: app.get(DataSource),
  };
}
