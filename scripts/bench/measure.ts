import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { DataSource } from 'typeorm';

const TICKS_PER_SECOND = 100;

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs `task(i)` for i < count, at most `concurrency` at once; answers each one's duration in ms. */
export async function timed(count: number, concurrency: number, task: (i: number) => Promise<unknown>) {
  const durations: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        const started = performance.now();
        await task(i);
        durations.push(performance.now() - started);
      }
    }),
  );
  return durations;
}

function processTicks(pid: number | string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0; // gone, or not on Linux
  }
}

/** This process's children named `temporal` (the dev server the stack started). */
function temporalServerPids(): string[] {
  const pids: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
      if (Number(ppid) === process.pid && stat.includes('(temporal')) pids.push(pid);
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

/** CPU seconds of one phase: this process (API, workers, client), its Temporal server, PostgreSQL's backends. */
export interface CpuSeconds {
  total: number;
  node: number;
  temporal: number;
  postgres: number;
}

/**
 * CPU seconds spent by this process, its Temporal server and the PostgreSQL backends serving the bench's database
 * (those open at the end of the phase) between `start()` and `stop()`.
 */
export async function cpuMeter(db: DataSource, databaseName: string) {
  const backends = async (): Promise<string[]> =>
    (await db.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [databaseName])).map((r: { pid: number }) =>
      String(r.pid),
    );
  const snapshot = async () => ({
    temporal: new Map(temporalServerPids().map((pid) => [pid, processTicks(pid)])),
    postgres: new Map((await backends()).map((pid) => [pid, processTicks(pid)])),
  });
  const before = await snapshot();
  const ownBefore = process.cpuUsage();
  return async (): Promise<CpuSeconds> => {
    const own = process.cpuUsage(ownBefore);
    const after = await snapshot();
    const seconds = (kind: 'temporal' | 'postgres') => {
      let ticks = 0;
      for (const [pid, value] of after[kind]) ticks += value - (before[kind].get(pid) ?? 0);
      return ticks / TICKS_PER_SECOND;
    };
    const split = { node: (own.user + own.system) / 1e6, temporal: seconds('temporal'), postgres: seconds('postgres') };
    return { ...split, total: split.node + split.temporal + split.postgres };
  };
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap and resident memory after a full collection, in MB. */
export function memoryNow(): { heapMb: number; rssMb: number } {
  gc();
  gc();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapMb: heapUsed / 2 ** 20, rssMb: rss / 2 ** 20 };
}

export interface Line {
  measure: string;
  product: string;
  ceiling: string;
  ratio: string;
}

export function ratio(product: number, ceiling: number): string {
  return ceiling > 0 ? `${(product / ceiling).toFixed(2)}x` : 'n/a';
}

export const fmt = (value: number, digits = 1) => value.toFixed(digits);

export function printTable(lines: Line[]): void {
  const columns: (keyof Line)[] = ['measure', 'product', 'ceiling', 'ratio'];
  const widths = columns.map((c) => Math.max(c.length, ...lines.map((l) => l[c].length)));
  const row = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  console.log(row(columns));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const line of lines) console.log(row(columns.map((c) => line[c])));
}

let statements = 0;
let counting = false;

/** Counts the SQL statements the API and workers of this process send from `start()` until the answer is read. */
export function statementCounter(): () => number {
  if (!counting) {
    counting = true;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the driver's own class, patched to count
    const { Client } = require('pg') as { Client: { prototype: { query: (...args: unknown[]) => unknown } } };
    const query = Client.prototype.query;
    Client.prototype.query = function (this: unknown, ...args: unknown[]) {
      statements++;
      return query.apply(this, args);
    };
  }
  const before = statements;
  return () => statements - before;
}

/** Profiles this process's CPU (V8's sampler) until the answer is called, which writes the profile to `path`. */
export async function cpuProfile(path: string): Promise<() => Promise<void>> {
  const session = new Session();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    writeFileSync(path, JSON.stringify(profile));
    session.disconnect();
  };
}
