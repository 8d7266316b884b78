import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { caseList } from './bench/case-list';
import { staffClient, unexpectedServerErrors } from './bench/lifecycle';
import { printTable, type Line } from './bench/measure';
import { calibrate, latency, memory, throughput, type Shape, type Staff } from './bench/phases';
import { reports } from './bench/reports';
import { startBenchStack } from './bench/stack';

/**
 * `npm run bench`: the product beside bare Temporal on the same machine, in the same run. Starts an isolated stack
 * on free ports, measures, prints one table (ratio = product / ceiling), and stops everything it started.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      concurrency: { type: 'string', default: '8,20' },
      rounds: { type: 'string', default: '2' },
      requests: { type: 'string', default: '100' },
      open: { type: 'string', default: '1000' },
      cases: { type: 'string', default: '100000' },
      samples: { type: 'string', default: '200' },
      workers: { type: 'string', default: '1' },
      phases: { type: 'string', default: 'calibrate,throughput,latency,list,report,memory' },
      /** A directory: the API and worker processes write their CPU profiles there as they stop (Chrome DevTools). */
      profile: { type: 'string' },
    },
  });
  const phases = new Set(values.phases.split(','));
  const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
  const stack = await startBenchStack(log, { profileDir: values.profile });
  try {
    for (let i = 1; i < Number(values.workers); i++) await stack.addWorker();
    const staff: Staff = {
      caseWorker: staffClient(stack.apiUrl, await stack.signIn(['case-worker'])),
      supervisor: staffClient(stack.apiUrl, await stack.signIn(['supervisor'])),
    };
    const lines: Line[] = [];
    // The bare workflow's shape when calibrate does not run: the 23 activities and 8 updates.
    let shape: Shape = { activities: 23, updates: 8, locals: 0 };
    let calibrated = false;
    // A phase that fails is reported in the table; the others still run.
    const phase = async (name: string, run: () => Promise<void>) => {
      if (!phases.has(name.split(/[ :]/)[0])) return;
      log(name);
      try {
        await run();
      } catch (error) {
        log(`${name} failed: ${String(error)}`);
        lines.push({ measure: `${name}: FAILED`, product: String(error).slice(0, 80), ceiling: '', ratio: '' });
      }
    };
    await phase('calibrate: one return of each kind, and the bare workflow of the same shape', async () => {
      shape = await calibrate(stack, staff, lines, log);
      calibrated = true;
    });
    for (const concurrency of values.concurrency.split(',').map(Number)) {
      await phase(`throughput at ${concurrency} at once`, () =>
        throughput(stack, staff, shape, concurrency, concurrency * Number(values.rounds), lines),
      );
    }
    await phase('latency of POST /returns and GET /returns/:ref', () =>
      latency(stack, staff, Number(values.requests), lines),
    );
    await phase(`list over ${values.cases} cases`, () =>
      caseList(stack, staff.caseWorker, Number(values.cases), Number(values.samples), lines),
    );
    await phase(`report over ${values.cases} imported cases`, () =>
      reports(stack, staff.supervisor, Number(values.cases), Number(values.samples), lines, log),
    );
    for (const open of values.open.split(',').map(Number)) {
      await phase(`memory with ${open} open returns`, () => memory(stack, staff, open, lines));
    }
    const errors = new Map<string, number>();
    for (const e of unexpectedServerErrors) errors.set(e, (errors.get(e) ?? 0) + 1);
    for (const [call, times] of errors) {
      lines.push({
        measure: `answered 5xx other than 503, repeated under its key: ${call}`,
        product: `${times}x`,
        ceiling: '',
        ratio: '',
      });
    }
    const bare = calibrated
      ? `a single return's ${shape.activities} activities (${shape.locals} of them local) and ${shape.updates} updates`
      : `${shape.activities} activities and ${shape.updates} updates (not calibrated)`;
    console.log(
      `\nnpm run bench: the API and ${stack.workers.length} worker process(es); the throughput lines' bare workflow has ${bare}; ratio = product / ceiling\n`,
    );
    printTable(lines);
  } finally {
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
