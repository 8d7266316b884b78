import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { apiConfig, type ApiConfig } from '@avrr/config';
import { DataSource, IsNull, LessThan, Not } from 'typeorm';
import { CaseStatuses, CaseStepEntity, ReturnCaseEntity } from '@avrr/persistence';
import { OpsVisibility } from '../returns/ops-visibility';
import { ReturnsService } from '../returns/returns.service';
import { CaseSteps } from './case-steps';
import { ANSWER_KEPT_FOR } from './step-answers';

/** How old a pending step or an unstarted return must be before the sweeper takes it over from its request. */
const GRACE_MS = 5_000;
const BATCH = 50;
/** How far back the first pass looks for returns closed in Temporal; each later pass overlaps the last. */
const FIRST_LOOK_BACK_MS = 7 * 24 * 3600_000;
const OVERLAP_MS = 60_000;

/**
 * Settles what a crash, a lost answer or an outage left half done: steps still pending in the ledger are sent to
 * their workflow again (under the same update id, so at most once) and settled; cases whose return was never
 * started are started; returns Temporal closed (completed, or stopped by an ops engineer) are marked so in their case
 * status, which the case view and list read; a return revived after its case was withdrawn is sent the withdrawal.
 * Every API instance sweeps; each action is safe to repeat.
 */
@Injectable()
export class StepSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(StepSweeper.name);
  private timer?: NodeJS.Timeout;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private closedSince = new Date(Date.now() - FIRST_LOOK_BACK_MS);

  constructor(
    private readonly dataSource: DataSource,
    private readonly steps: CaseSteps,
    private readonly returns: ReturnsService,
    private readonly visibility: OpsVisibility,
    private readonly statuses: CaseStatuses,
    @Inject(apiConfig.KEY) private readonly config: ApiConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.next();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** The next pass, an interval after the last one ended: a slow pass delays the next rather than piling them up. */
  private next(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweep().then(() => this.next());
    }, this.config.stepSweepMs);
    this.timer.unref();
  }

  /** One pass; answers how many steps and starts it settled. */
  async sweep(graceMs = GRACE_MS): Promise<{ steps: number; starts: number }> {
    const before = new Date(Date.now() - graceMs);
    let steps = 0;
    let starts = 0;
    try {
      const pending = await this.dataSource.manager.find(CaseStepEntity, {
        where: { status: 'pending', createdAt: LessThan(before) },
        order: { createdAt: 'ASC' },
        take: BATCH,
      });
      for (const entry of pending) {
        if (await this.settled(() => this.steps.settle(entry, { sweeping: true }))) steps++;
      }
      const unstarted = await this.dataSource.manager.find(ReturnCaseEntity, {
        where: { stage: IsNull(), workflowId: Not(IsNull()), createdAt: LessThan(before) },
        take: BATCH,
      });
      for (const returnCase of unstarted) {
        if (await this.settled(() => this.returns.startWorkflow(returnCase))) starts++;
      }
      const passStarted = Date.now();
      await this.statuses.recordClosed(await this.visibility.closedSince(this.closedSince));
      this.closedSince = new Date(passStarted - OVERLAP_MS);
      await this.returns.withdrawRevived();
      await this.dataSource.query(`DELETE FROM step_answers WHERE created_at < now() - interval '${ANSWER_KEPT_FOR}'`);
    } catch (error) {
      this.log.warn(`sweep stopped: ${(error as Error).name}`);
    }
    return { steps, starts };
  }

  private async settled(action: () => Promise<unknown>): Promise<boolean> {
    try {
      await action();
      return true;
    } catch (error) {
      // Still unreachable, or refused for now: the next pass tries again.
      this.log.warn(`could not settle yet: ${(error as Error).name}`);
      return false;
    }
  }
}
