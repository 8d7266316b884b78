import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { setRecent } from '../common/recent-map';

/** A case's rows (its reference), and a programme's report tallies (its code). */
const CASE_CHANGED = 'case_changed';
const TALLIES_CHANGED = 'tallies_changed';
const RECONNECT_MS = 1_000;
/**
 * How often the listening connection is checked, and how long its check may take: a connection the network dropped
 * without PostgreSQL closing it raises no error, and would otherwise vouch for reads that changed since.
 */
const CHECK_EVERY_MS = 15_000;
const CHECK_WITHIN_MS = 5_000;
/**
 * How long a woken wait lets further writes land before it answers: the writes of one change come in a burst (a
 * step settles, the workflow records its stage, the worker its status), and one read after the burst answers it.
 */
const SETTLE_MS = 40;
/** Cases and programmes whose last change is remembered; an older one is forgotten, and then not vouched for. */
const REMEMBERED = 10_000;

export interface CaseChange {
  /**
   * Settles shortly after the case has changed since `next()` (SETTLE_MS), or after `ms`, whichever comes first;
   * then stops listening.
   */
  within(ms: number): Promise<void>;
  /** Stops listening. */
  cancel(): void;
}

/**
 * Tells a waiting case view that its case changed, and a remembered read whether what it read changed. One
 * connection per API instance listens on `case_changed`, which PostgreSQL notifies at the commit of a write to a row
 * the case view shows (migrations CaseChangeNotifications, CaseViewNotifications), and on `tallies_changed`, notified
 * by a write to a programme's report tallies (ReportTallyReads). While that connection is down (PostgreSQL
 * restarting), a wait lasts until its time is up, and the view is read again then; nothing is vouched for.
 */
@Injectable()
export class CaseChanges implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger(CaseChanges.name);
  private readonly waiting = new Map<string, Set<() => void>>();
  private client?: Client;
  private stopped = false;
  /** Counts the notifications (and reconnections): a mark is its value when taken. */
  private count = 0;
  /** Each remembered case's or programme's mark at its last change (keyed by channel and payload), least recent first. */
  private readonly changedAt = new Map<string, number>();
  /** Each channel's mark at its last notification. */
  private readonly latest = new Map<string, number>();
  /** No mark below this can be vouched for: a change then was forgotten, or missed while not listening. */
  private knownFrom = 0;

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): Promise<void> {
    return this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    // Not listening any more: a woken wait reads the view and answers.
    this.client = undefined;
    for (const waiters of [...this.waiting.values()]) for (const wake of [...waiters]) wake();
    await client?.end().catch(() => undefined);
  }

  /** True while notifications come in: otherwise a wait must read the view again now and then. */
  get listening(): boolean {
    return this.client !== undefined;
  }

  /**
   * A mark to take before reading a case: `unchangedSince` tells later whether the case changed since. Null while
   * notifications cannot come.
   */
  mark(): number | null {
    return this.listening ? this.count : null;
  }

  /** True only when no change of the case can have been committed since `mark` was taken. */
  unchangedSince(caseRef: string, mark: number | null): boolean {
    return this.vouches(mark) && (this.changedAt.get(`${CASE_CHANGED} ${caseRef}`) ?? 0) <= mark!;
  }

  /** True only when no change of any case can have been committed since `mark` was taken. */
  noCaseChangedSince(mark: number | null): boolean {
    return this.vouches(mark) && (this.latest.get(CASE_CHANGED) ?? 0) <= mark!;
  }

  /** True only when none of these programmes' report tallies (or none at all) can have changed since `mark`. */
  talliesUnchangedSince(programmes: string[] | 'all', mark: number | null): boolean {
    if (!this.vouches(mark)) return false;
    if (programmes === 'all') return (this.latest.get(TALLIES_CHANGED) ?? 0) <= mark!;
    return programmes.every((code) => (this.changedAt.get(`${TALLIES_CHANGED} ${code}`) ?? 0) <= mark!);
  }

  private vouches(mark: number | null): boolean {
    return this.listening && mark !== null && mark >= this.knownFrom;
  }

  /** Listens for the case's next change from now on. */
  next(caseRef: string): CaseChange {
    let changed = false;
    let wake = () => {
      changed = true;
    };
    const waiters = this.waiting.get(caseRef) ?? new Set<() => void>();
    this.waiting.set(caseRef, waiters);
    const listener = () => wake();
    waiters.add(listener);
    const cancel = () => {
      waiters.delete(listener);
      if (waiters.size === 0 && this.waiting.get(caseRef) === waiters) this.waiting.delete(caseRef);
    };
    return {
      cancel,
      within: (ms) =>
        new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            cancel();
            resolve();
          };
          let timer = setTimeout(done, this.stopped ? 0 : changed ? Math.min(ms, SETTLE_MS) : ms);
          wake = () => {
            wake = () => undefined;
            clearTimeout(timer);
            timer = setTimeout(done, this.stopped ? 0 : Math.min(ms, SETTLE_MS));
          };
        }),
    };
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const { url } = this.dataSource.options as { url?: string };
    const client = new Client({
      connectionString: url,
      application_name: 'avrr-returns case changes',
      query_timeout: CHECK_WITHIN_MS,
    });
    let check: NodeJS.Timeout | undefined;
    client.on('notification', ({ channel, payload = '' }) => {
      this.changed(channel, payload);
      if (channel === CASE_CHANGED) for (const wake of [...(this.waiting.get(payload) ?? [])]) wake();
    });
    let retrying = false;
    const retry = (why: string) => {
      if (retrying || this.stopped) return;
      retrying = true;
      clearInterval(check);
      this.log.warn(`case change notifications interrupted: ${why}`);
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => undefined);
      setTimeout(() => void this.listen(), RECONNECT_MS).unref();
    };
    client.on('error', (error) => retry(error.message));
    try {
      await client.connect();
      await client.query(`LISTEN ${CASE_CHANGED}; LISTEN ${TALLIES_CHANGED}`);
      // Whatever changed before now may have gone unnotified.
      this.knownFrom = ++this.count;
      this.client = client;
      check = setInterval(() => {
        if (this.stopped) clearInterval(check);
        else client.query('SELECT 1').catch((error: Error) => retry(error.message));
      }, CHECK_EVERY_MS).unref();
    } catch (error) {
      retry((error as Error).message);
    }
  }

  private changed(channel: string, payload: string): void {
    this.count += 1;
    this.latest.set(channel, this.count);
    const forgotten = setRecent(this.changedAt, `${channel} ${payload}`, this.count, REMEMBERED);
    if (forgotten) this.knownFrom = Math.max(this.knownFrom, forgotten[1]);
  }
}
