import { Logger } from '@nestjs/common';
import type { InjectedSinks } from '@temporalio/worker';
import type { CaseStatusSinks } from '@avrr/contracts';
import type { CaseStatuses, PublishedStatus } from '@avrr/persistence';

/** Pauses between the attempts made while the workflow task waits for the write. */
const PAUSES_MS = [50, 250];
/** How often statuses that could not be written in time are tried again. */
const RETRY_EVERY_MS = 2_000;
/** A return run with no case row (started outside the API): there is nothing to write its status to. */
const NO_SUCH_CASE = '23503';

/**
 * Writes each status a return publishes to PostgreSQL, awaited by the worker before it completes the workflow task
 * (so a step's answer, read after its update completes, already sees it). The statuses a run publishes in one
 * activation reach the worker together: only the last is written, and every one of them waits for that write.
 * Temporal does not retry a sink: a status that could not be written in a few attempts is kept, the latest per
 * return, and written in the background until PostgreSQL takes it (the write's ordering makes a late one harmless).
 */
export class CaseStatusWriter {
  private readonly logger = new Logger(CaseStatusWriter.name);
  private readonly unwritten = new Map<string, PublishedStatus>();
  /** Per run, the status to write once the calls that came with it are in, and that write. */
  private readonly gathering = new Map<string, { published: PublishedStatus; written: Promise<void> }>();
  private timer?: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly statuses: CaseStatuses) {}

  sinks(): InjectedSinks<CaseStatusSinks> {
    return {
      caseStatus: {
        changed: {
          fn: (info, status, ops, seq) =>
            this.latest({ runId: info.runId, runStartedAt: info.runStartTime, seq, status, ops }),
        },
      },
    };
  }

  /**
   * Tries once more to write what is still unwritten. `last`: at shutdown, after the last workflow task; the database
   * closes next, so nothing is tried after it (a timer left running wrote to a closed pool every 2 s).
   */
  async flush({ last = false } = {}): Promise<void> {
    if (last) this.closed = true;
    clearInterval(this.timer);
    this.timer = undefined;
    for (const [caseRef, published] of [...this.unwritten]) {
      try {
        await this.statuses.record(published);
        if (this.unwritten.get(caseRef) === published) this.unwritten.delete(caseRef);
      } catch (error) {
        // Still unwritten: the next flush tries again, unless there is no such case.
        if ((error as { code?: string }).code === NO_SUCH_CASE) this.unwritten.delete(caseRef);
      }
    }
    if (this.unwritten.size > 0) this.retryLater();
  }

  /**
   * The worker calls the sink once per status of an activation, all in the same turn of the event loop: the write
   * starts after them, with the latest.
   */
  private latest(published: PublishedStatus): Promise<void> {
    const pending = this.gathering.get(published.runId);
    if (pending) {
      if (published.seq > pending.published.seq) pending.published = published;
      return pending.written;
    }
    const gathered = { published, written: Promise.resolve() };
    gathered.written = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.gathering.delete(published.runId);
      return this.write(gathered.published);
    });
    this.gathering.set(published.runId, gathered);
    return gathered.written;
  }

  private async write(published: PublishedStatus): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.statuses.record(published);
        return;
      } catch (error) {
        if ((error as { code?: string }).code === NO_SUCH_CASE) {
          this.logger.warn(`case status of ${published.status.caseRef} not written: no such case`);
          return;
        }
        if (attempt >= PAUSES_MS.length) {
          this.logger.error(
            `case status of ${published.status.caseRef} kept to write later: ${(error as Error).message}`,
          );
          this.keep(published);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, PAUSES_MS[attempt]));
      }
    }
  }

  private keep(published: PublishedStatus): void {
    const kept = this.unwritten.get(published.status.caseRef);
    const later =
      !kept ||
      kept.runStartedAt.getTime() < published.runStartedAt.getTime() ||
      (kept.runStartedAt.getTime() === published.runStartedAt.getTime() && kept.seq <= published.seq);
    if (later) this.unwritten.set(published.status.caseRef, published);
    this.retryLater();
  }

  private retryLater(): void {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => void this.flush(), RETRY_EVERY_MS);
    this.timer.unref();
  }
}
