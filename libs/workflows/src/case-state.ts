import { currentUpdateInfo, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import {
  ReturnStageAttribute,
  type CaseOutcome,
  type ReturnStage,
  type ReturnStatus,
  type Waiting,
} from '@avrr/contracts';
import { caseRecords } from './activity-proxies';
import { showOpsView } from './ops-view';

/** How many accepted step ids a return remembers across continue-as-new (steps come a few at a time). */
const ACCEPTED_KEPT = 20;

/**
 * The small state a return keeps: its stage and what it waits for. The status query, the search attribute,
 * Temporal UI's current details and the case record in PostgreSQL all come from here.
 */
export class CaseState {
  private stageSince = new Date(workflowInfo().startTime).toISOString();
  private waitingFor: Waiting | null = null;
  private outcome?: CaseOutcome;
  /** Whether what the stage waits for has come: the case then moves on once what it is doing is done. */
  private answered: (() => boolean) | null = null;

  /**
   * `stage`: where a run that continues an earlier one starts (already recorded by that run); `accepted`: the ids of
   * the last steps the earlier runs accepted.
   */
  constructor(
    readonly caseRef: string,
    private stage: ReturnStage = 'intake',
    private readonly accepted: string[] = [],
  ) {}

  /**
   * True when the step being handled was accepted already, by this run or one it continues: the API sends a step
   * again under its id when it lost the answer, and Temporal deduplicates ids within a run only.
   */
  alreadyAccepted(): boolean {
    const id = currentUpdateInfo()?.id;
    return id !== undefined && this.accepted.includes(id);
  }

  noteAccepted(): void {
    const id = currentUpdateInfo()?.id;
    if (id === undefined) return;
    this.accepted.push(id);
    if (this.accepted.length > ACCEPTED_KEPT) this.accepted.shift();
  }

  /** The ids to carry into the next run. */
  get acceptedSteps(): string[] {
    return [...this.accepted];
  }

  get currentStage(): ReturnStage {
    return this.stage;
  }

  /** The stage waits for what `answered` tells has come (a partner's answer staff record). */
  awaiting(answered: () => boolean): void {
    this.answered = answered;
  }

  /** What the stage waited for has come, and the case leaves the stage once what it is doing is done. */
  get movingOn(): boolean {
    return this.answered?.() === true;
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

  /** The returnee withdrew: the outcome is decided, and nothing more is awaited of anyone, while it is undone. */
  withdrawing(): void {
    this.outcome = 'withdrawn';
    this.doneWaiting(false);
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

  /** A supervisor moved the due date of what the case waits for. */
  extended(dueAt: string): void {
    if (this.waitingFor) this.waitingFor.dueAt = dueAt;
    this.publish();
  }

  escalated(): void {
    if (this.waitingFor) this.waitingFor.escalatedAt = new Date().toISOString();
    this.publish();
  }

  /** An escalated wait the case stopped before its answer came (a withdrawal): its supervisors are told. */
  escalationLeft: { what: string; escalatedAt: string } | null = null;

  /** The wait ends; `answered` false when the case stopped it (a withdrawal). */
  doneWaiting(answered = true): void {
    const { what, escalatedAt } = this.waitingFor ?? {};
    if (!answered && what && escalatedAt) this.escalationLeft = { what, escalatedAt };
    this.waitingFor = null;
    this.answered = null;
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
    this.answered = null;
    this.stageSince = new Date().toISOString();
    this.waitingFor = null;
    upsertSearchAttributes([{ key: ReturnStageAttribute, value: stage }]);
    this.publish();
  }

  /** What an ops engineer sees in Temporal UI and finds in its visibility, and the case view reads: ops-view.ts. */
  private publish(): void {
    showOpsView(this.status());
  }
}
