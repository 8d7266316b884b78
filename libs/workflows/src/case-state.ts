import { setCurrentDetails, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import {
  ReturnStageAttribute,
  type CaseOutcome,
  type ReturnStage,
  type ReturnStatus,
  type Waiting,
} from '@avrr/contracts';
import { caseRecords } from './activity-proxies';

/**
 * The small state a return keeps: its stage and what it waits for. The status query, the search attribute,
 * Temporal UI's current details and the case record in PostgreSQL all come from here.
 */
export class CaseState {
  private stageSince = new Date(workflowInfo().startTime).toISOString();
  private waitingFor: Waiting | null = null;
  private outcome?: CaseOutcome;

  /** `stage`: where a run that continues an earlier one starts (already recorded by that run). */
  constructor(
    private readonly caseRef: string,
    private stage: ReturnStage = 'intake',
  ) {}

  get currentStage(): ReturnStage {
    return this.stage;
  }

  async enter(stage: ReturnStage): Promise<void> {
    this.moveTo(stage);
    await caseRecords.recordStage(this.caseRef, stage);
  }

  /** Ends the case before its journey's end, with the outcome and the reason staff read in the timeline. */
  async close(outcome: CaseOutcome, reason: string): Promise<ReturnStatus> {
    this.outcome = outcome;
    this.moveTo('closed');
    await caseRecords.recordClosure(this.caseRef, outcome, reason);
    return this.status();
  }

  waitFor(waiting: Omit<Waiting, 'remindersSent'>): void {
    this.waitingFor = { ...waiting, remindersSent: 0 };
    this.publish();
  }

  /** What the case waits for, as a loop that keeps its own counts computes it. */
  show(waiting: Waiting | null): void {
    this.waitingFor = waiting;
    this.publish();
  }

  reminded(): void {
    if (this.waitingFor) this.waitingFor.remindersSent += 1;
    this.publish();
  }

  escalated(): void {
    if (this.waitingFor) this.waitingFor.escalatedAt = new Date().toISOString();
    this.publish();
  }

  doneWaiting(): void {
    this.waitingFor = null;
    this.publish();
  }

  status(): ReturnStatus {
    return {
      caseRef: this.caseRef,
      stage: this.stage,
      stageSince: this.stageSince,
      waitingFor: this.waitingFor,
      ...(this.outcome && { outcome: this.outcome }),
    };
  }

  private moveTo(stage: ReturnStage): void {
    this.stage = stage;
    this.stageSince = new Date().toISOString();
    this.waitingFor = null;
    upsertSearchAttributes([{ key: ReturnStageAttribute, value: stage }]);
    this.publish();
  }

  /** What an ops engineer sees in Temporal UI: codes and dates, no personal data. */
  private publish(): void {
    const waiting = this.waitingFor;
    setCurrentDetails(
      waiting
        ? `**${this.stage}**: waiting for ${waiting.what} since ${waiting.since}` +
            (waiting.dueAt ? `, due ${waiting.dueAt}` : '') +
            (waiting.remindersSent ? ` (${waiting.remindersSent} reminder(s) sent)` : '') +
            (waiting.escalatedAt ? `, escalated ${waiting.escalatedAt}` : '')
        : `**${this.stage}**${this.outcome ? ` (${this.outcome})` : ''} since ${this.stageSince}`,
    );
  }
}
