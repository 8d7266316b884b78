import { readdirSync, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { BenchStack } from './stack';

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

/** CPU seconds of one phase, per process: the ones that serve returns, and this one (client, bare worker). */
export interface CpuSeconds {
  total: number;
  api: number;
  worker: number;
  bench: number;
  temporal: number;
  postgres: number;
}

/**
 * CPU seconds spent between `start()` and `stop()` by this process, the API and worker processes, their Temporal
 * server, and the PostgreSQL backends serving the bench's database (those open at the end of the phase).
 */
export async function cpuMeter(stack: BenchStack) {
  const backends = async (): Promise<string[]> =>
    (await stack.db.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [stack.databaseName])).map(
      (r: { pid: number }) => String(r.pid),
    );
  const kinds = async () => ({
    api: [String(stack.api.pid)],
    worker: stack.workers.map((w) => String(w.pid)),
    temporal: temporalServerPids(),
    postgres: await backends(),
  });
  const snapshot = async () =>
    Object.fromEntries(
      Object.entries(await kinds()).map(([kind, pids]) => [kind, new Map(pids.map((pid) => [pid, processTicks(pid)]))]),
    ) as Record<keyof Awaited<ReturnType<typeof kinds>>, Map<string, number>>;
  const before = await snapshot();
  const ownBefore = process.cpuUsage();
  return async (): Promise<CpuSeconds> => {
    const own = process.cpuUsage(ownBefore);
    const after = await snapshot();
    const seconds = (kind: keyof typeof after) => {
      let ticks = 0;
      for (const [pid, value] of after[kind]) ticks += value - (before[kind].get(pid) ?? 0);
      return ticks / TICKS_PER_SECOND;
    };
    const split = {
      api: seconds('api'),
      worker: seconds('worker'),
      bench: (own.user + own.system) / 1e6,
      temporal: seconds('temporal'),
      postgres: seconds('postgres'),
    };
    return { ...split, total: Object.values(split).reduce((sum, value) => sum + value, 0) };
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

/** Counts the SQL statements the API and the workers send from now until the answer is called. */
export async function statementCounter(stack: BenchStack): Promise<() => Promise<number>> {
  const count = async () => {
    const answers = await Promise.all([stack.api, ...stack.workers].map((child) => child.ask('statements')));
    return answers.reduce((sum, { statements }) => sum + statements, 0);
  };
  const before = await count();
  return async () => (await count()) - before;
}
