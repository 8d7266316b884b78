import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createActivities } from '@avrr/activities';
import { assertNamespaceExists, temporalConfig, type TemporalConfig } from '@avrr/config';
import { CaseStatuses } from '@avrr/persistence';
import { CaseStatusWriter } from './case-status-writer';
import { ensureDigestSchedule } from './digest-schedule';
import { reportFailingSteps } from './failing-step-reporter';
import { markRetries } from './retry-marker';
import { workflowSource } from './workflow-source';

/** The Temporal worker of the returns' task queue, with the activities bound to the Nest services. */
@Injectable()
export class TemporalWorker implements BeforeApplicationShutdown {
  private readonly logger = new Logger(TemporalWorker.name);
  private worker?: Worker;
  private connection?: NativeConnection;
  private statusWriter?: CaseStatusWriter;
  private running?: Promise<void>;

  constructor(
    @Inject(temporalConfig.KEY) private readonly config: TemporalConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Resolves when the worker has stopped (after shutdown, or on a fatal error). */
  run(): Promise<void> {
    this.running ??= this.poll();
    return this.running;
  }

  private async poll(): Promise<void> {
    this.connection = await NativeConnection.connect(this.config.connection);
    await assertNamespaceExists(this.connection.workflowService, this.config);
    await ensureDigestSchedule(this.connection, this.config);
    const { workflowModules, ...source } = workflowSource(this.config.workflowBundlePath);
    const statuses = new CaseStatuses(this.moduleRef.get(DataSource, { strict: false }));
    this.statusWriter = new CaseStatusWriter(statuses);
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.config.namespace,
      taskQueue: this.config.taskQueue,
      activities: createActivities((service) => this.moduleRef.get(service, { strict: false })),
      // On shutdown, running activities get a few seconds to finish; a worker whose server is already gone
      // (Ctrl-C reaches the dev server too) must still stop.
      shutdownGraceTime: '5s',
      shutdownForceTime: '10s',
      ...this.config.worker,
      ...source,
      interceptors: { workflowModules, activity: [reportFailingSteps, markRetries(statuses)] },
      sinks: this.statusWriter.sinks(),
    });
    this.logger.log(`Polling task queue ${this.config.taskQueue} on ${this.config.address}/${this.config.namespace}`);
    try {
      await this.worker.run();
    } finally {
      await this.connection.close();
    }
  }

  /** Before the database closes: the last workflow tasks still write their case statuses. */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.worker) return;
    if (this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.statusWriter?.flush({ last: true });
  }
}
