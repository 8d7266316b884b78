import { randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { returnWorkflowId } from '@avrr/contracts';
import { startReturnBody } from '../../test/support/fixtures';
import { BARE_TASK_QUEUE } from './bare-activities';
import {
  fmt,
  memoryNow,
  percentile,
  ratio,
  timed,
  cpuMeter,
  statementCounter,
  type CpuSeconds,
  type Line,
} from './measure';
import { fullLifecycle, type ReturnKind, type StaffClient } from './lifecycle';
import { OPEN_PROGRAMME, type BenchStack } from './stack';

export interface Staff {
  caseWorker: StaffClient;
  supervisor: StaffClient;
}

let serial = 0;
const newRef = (prefix: string) => `${prefix}-${process.pid}-${(++serial).toString().padStart(6, '0')}`;

interface ChainCounts {
  events: number;
  /** Activity tasks and local activities. */
  activities: number;
  locals: number;
  updates: number;
  byType: Map<string, number>;
}

/** Every event of a workflow's chain of runs (continue-as-new included), latest run first back to the first. */
async function chainEvents(client: Client, workflowId: string): Promise<ChainCounts> {
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  const totals: ChainCounts = { events: 0, activities: 0, locals: 0, updates: 0, byType: new Map() };
  while (runId) {
    const history: temporal.api.history.v1.IHistory = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const events = history.events ?? [];
    totals.events += events.length;
    const locals = events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity').length;
    totals.activities += events.filter((e) => e.activityTaskScheduledEventAttributes).length + locals;
    totals.locals += locals;
    totals.updates += events.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
    for (const e of events) {
      const type = temporal.api.enums.v1.EventType[e.eventType ?? 0] ?? String(e.eventType);
      totals.byType.set(type, (totals.byType.get(type) ?? 0) + 1);
    }
    runId = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  return totals;
}

function runBare(temporal: Client, { activities, updates, locals }: Shape) {
  return async () => {
    const handle = await temporal.workflow.start('bareReturn', {
      taskQueue: BARE_TASK_QUEUE,
      workflowId: `bare-${randomUUID()}`,
      args: [activities, updates, locals],
    });
    for (let i = 0; i < updates; i++) await handle.executeUpdate('step');
    await handle.result();
    return handle;
  };
}

/** A return's shape, which the bare ceiling copies: its activities (`locals` of them local), and its updates. */
export interface Shape {
  activities: number;
  updates: number;
  locals: number;
}

/** History events per kind of return, and the activity and update counts the bare ceiling copies. */
export async function calibrate(stack: BenchStack, staff: Staff, lines: Line[], log: (m: string) => void) {
  const counts = {} as Record<ReturnKind, ChainCounts>;
  for (const kind of ['single', 'family', 'reintegration'] as ReturnKind[]) {
    const caseRef = newRef(`CAL-${kind.toUpperCase()}`);
    await fullLifecycle(staff.caseWorker, staff.supervisor, caseRef, kind);
    counts[kind] = await chainEvents(stack.temporal, returnWorkflowId(caseRef));
  }
  const { activities, updates, locals } = counts.single;
  for (const kind of ['single', 'family', 'reintegration'] as ReturnKind[]) {
    const c = counts[kind];
    const bare = await chainEvents(stack.temporal, (await runBare(stack.temporal, c)()).workflowId);
    lines.push({
      measure: `history events, ${kind} return (${c.activities} activities, ${c.locals} of them local; ${c.updates} updates)`,
      product: String(c.events),
      ceiling: String(bare.events),
      ratio: ratio(c.events, bare.events),
    });
    const extra = [...c.byType].map(([type, n]) => [type, n - (bare.byType.get(type) ?? 0)] as const);
    const shown = extra.filter(([, n]) => n !== 0).map(([type, n]) => `${type.replace('EVENT_TYPE_', '')} ${n}`);
    log(`history of a ${kind} return beyond the bare one: ${shown.join(', ')}`);
  }
  return { activities, updates, locals };
}

/** Full-lifecycle returns per second and per CPU-second, product then bare, at `concurrency` at once. */
export async function throughput(
  stack: BenchStack,
  staff: Staff,
  shape: Shape,
  concurrency: number,
  count: number,
  lines: Line[],
) {
  // Each side is measured at its steady state: a first round, not measured, has the JIT compile its hot code.
  const measure = async (task: () => Promise<unknown>) => {
    await timed(concurrency, concurrency, task);
    const cpu = await cpuMeter(stack);
    const sql = await statementCounter(stack);
    const started = performance.now();
    await timed(count, concurrency, task);
    const seconds = (performance.now() - started) / 1000;
    const statements = await sql();
    const cpuSeconds = await cpu();
    return {
      perSecond: count / seconds,
      perCpuSecond: count / cpuSeconds.total,
      statements: statements / count,
      cpuSeconds,
    };
  };
  const product = await measure(() => fullLifecycle(staff.caseWorker, staff.supervisor, newRef('TPUT')));
  // Two ceilings: the same activities all as activity tasks (the bare workflow), and the return's own mix.
  const ceilings = [{ name: 'bare, all activity tasks', shape: { ...shape, locals: 0 } }];
  if (shape.locals > 0) ceilings.push({ name: `bare, ${shape.locals} of them local`, shape });
  let bareAllTasks: Awaited<ReturnType<typeof measure>> | undefined;
  for (const { name, shape: bareShape } of ceilings) {
    const bare = await measure(runBare(stack.temporal, bareShape));
    bareAllTasks ??= bare;
    lines.push(
      {
        measure: `returns/s, ${concurrency} at once (${count} returns; ceiling: ${name})`,
        product: fmt(product.perSecond, 2),
        ceiling: fmt(bare.perSecond, 2),
        ratio: ratio(product.perSecond, bare.perSecond),
      },
      {
        measure: `returns per CPU-second, ${concurrency} at once (ceiling: ${name})`,
        product: fmt(product.perCpuSecond, 2),
        ceiling: fmt(bare.perCpuSecond, 2),
        ratio: ratio(product.perCpuSecond, bare.perCpuSecond),
      },
    );
  }
  const perReturn = (seconds: number) => fmt(seconds / count, 3);
  const split = (cpu: CpuSeconds) =>
    [cpu.api, cpu.worker, cpu.bench, cpu.temporal, cpu.postgres].map(perReturn).join(' / ');
  lines.push({
    measure: `CPU-s per return, ${concurrency} at once: API / worker / bench (client, bare worker) / Temporal / PostgreSQL`,
    product: split(product.cpuSeconds),
    ceiling: split(bareAllTasks!.cpuSeconds),
    ratio: '',
  });
  lines.push({
    measure: `SQL statements per return, ${concurrency} at once (the bare workflow sends none)`,
    product: fmt(product.statements),
    ceiling: '0',
    ratio: '',
  });
}

function latencyLines(name: string, product: number[], bare: number[], bareName: string): Line[] {
  return [50, 99].map((p) => ({
    measure: `${name} p${p} ms (ceiling: ${bareName})`,
    product: fmt(percentile(product, p)),
    ceiling: fmt(percentile(bare, p)),
    ratio: ratio(percentile(product, p), percentile(bare, p)),
  }));
}

/** POST /returns against a bare start, GET /returns/:ref against a describe; 4 at once. */
export async function latency(stack: BenchStack, staff: Staff, count: number, lines: Line[]) {
  const refs = Array.from({ length: count }, () => newRef('LAT'));
  const posts = await timed(count, 4, (i) =>
    staff.caseWorker.write('/returns', startReturnBody(refs[i], { programmeCode: OPEN_PROGRAMME })),
  );
  const handles: WorkflowHandle[] = [];
  const starts = await timed(count, 4, async () =>
    handles.push(
      await stack.temporal.workflow.start('bareOpen', {
        taskQueue: BARE_TASK_QUEUE,
        workflowId: `bare-${randomUUID()}`,
      }),
    ),
  );
  const gets = await timed(count, 4, (i) => staff.caseWorker.get(`/returns/${refs[i]}`));
  const describes = await timed(count, 4, (i) => handles[i].describe());
  await Promise.all(handles.map((h) => h.executeUpdate('step')));
  lines.push(
    ...latencyLines('POST /returns', posts, starts, 'workflow start'),
    ...latencyLines('GET /returns/:ref', gets, describes, 'describe'),
  );
}

/** Worker memory per open return (waiting for its declaration) against a bare workflow waiting for an update. */
export async function memory(stack: BenchStack, staff: Staff, open: number, lines: Line[]) {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 3000));
  // The product's workers are processes of their own; the bare worker runs in this one.
  const workersNow = async () => {
    const answers = await Promise.all(stack.workers.map((worker) => worker.ask('memory')));
    return answers.reduce((sum, m) => ({ heapMb: sum.heapMb + m.heapMb, rssMb: sum.rssMb + m.rssMb }));
  };
  const productBase = await workersNow();
  const refs = Array.from({ length: open }, () => newRef('OPEN'));
  await timed(open, 16, (i) =>
    staff.caseWorker.write('/returns', startReturnBody(refs[i], { programmeCode: OPEN_PROGRAMME })),
  );
  for (const ref of refs.slice(-10)) {
    while (!(await staff.caseWorker.get(`/returns/${ref}`)).body?.waitingFor) await settle();
  }
  await settle();
  const withProduct = await workersNow();
  const bareBase = memoryNow();
  const handles: WorkflowHandle[] = [];
  await timed(open, 16, async () =>
    handles.push(
      await stack.temporal.workflow.start('bareOpen', {
        taskQueue: BARE_TASK_QUEUE,
        workflowId: `bare-${randomUUID()}`,
      }),
    ),
  );
  await settle();
  const withBare = memoryNow();
  await timed(open, 16, (i) => handles[i].executeUpdate('step'));
  const per = (a: number, b: number) => ((a - b) * 1024) / open;
  const product = { rss: per(withProduct.rssMb, productBase.rssMb), heap: per(withProduct.heapMb, productBase.heapMb) };
  const bare = { rss: per(withBare.rssMb, bareBase.rssMb), heap: per(withBare.heapMb, bareBase.heapMb) };
  lines.push(
    {
      measure: `worker RSS per open return, KB (${open} open)`,
      product: fmt(product.rss),
      ceiling: fmt(bare.rss),
      ratio: ratio(product.rss, bare.rss),
    },
    {
      measure: `worker heap per open return, KB (${open} open)`,
      product: fmt(product.heap),
      ceiling: fmt(bare.heap),
      ratio: ratio(product.heap, bare.heap),
    },
  );
}
