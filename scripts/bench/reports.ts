import { ProgrammePolicies } from '@avrr/persistence';
import type { StaffPrincipal } from '../../apps/api/src/auth/principal';
import { HistoryImport } from '../../apps/api/src/reports/import/history-import';
import { testPolicy } from '../../test/support/fixtures';
import { generateHistory, historyCsv } from '../../test/support/history-generator';
import { fmt, percentile, ratio, timed, type Line } from './measure';
import type { StaffClient } from './lifecycle';
import type { BenchStack } from './stack';

const HISTORY_PROGRAMME = 'BENCH-HISTORY';

/**
 * GET /reports/summary p50/p99 over `cases` imported cases (a programme's years of history, as its supervisor loads
 * them), one programme and all programmes, against GET /health (one SQL round trip).
 */
export async function reports(
  stack: BenchStack,
  supervisor: StaffClient,
  cases: number,
  samples: number,
  lines: Line[],
  log: (m: string) => void,
) {
  const policies = new ProgrammePolicies(stack.db);
  await policies.publish({ code: HISTORY_PROGRAMME, name: 'Bench: imported history' }, testPolicy());
  const admin: StaffPrincipal = { id: 'bench', roles: ['administrator'], programmes: null };
  const started = performance.now();
  const { imported } = await new HistoryImport(stack.db, policies).import(
    HISTORY_PROGRAMME,
    historyCsv(generateHistory({ cases, prefix: 'H' })),
    admin,
  );
  log(`imported ${imported} cases in ${fmt((performance.now() - started) / 1000)} s`);
  // Every table the import wrote, as autovacuum leaves them some time after: not while the reports are measured.
  await stack.db.query('VACUUM ANALYZE');
  const health = await timed(samples, 1, () => fetch(`${stack.apiUrl}/health`).then((r) => r.text()));
  const queries = {
    'one programme by year': `/reports/summary?programme=${HISTORY_PROGRAMME}&from=2015&to=2023`,
    'one programme by month': `/reports/summary?programme=${HISTORY_PROGRAMME}&from=2019-03&to=2021-08&granularity=month`,
    'all programmes by year': '/reports/summary?from=2015&to=2023',
  };
  type Read = [name: string, path: (i: number) => string];
  const reads = Object.entries(queries).flatMap(([name, path]): Read[] => [
    [name, () => path],
    // A report read again is the one remembered; with a suppression threshold of its own (up to 990 reads), each read
    // is summed anew.
    [`${name}, summed each time`, (i) => `${path}&suppressBelow=${10 + (i % 990)}`],
  ]);
  for (const [name, path] of reads) {
    for (let i = 0; i < 5; i++) await supervisor.read(path(samples + i)); // warm-up
    const durations = await timed(samples, 1, (i) => supervisor.read(path(i)));
    for (const p of [50, 99]) {
      lines.push({
        measure: `GET /reports/summary ${name} p${p} ms, ${imported} cases (ceiling: /health)`,
        product: fmt(percentile(durations, p)),
        ceiling: fmt(percentile(health, p)),
        ratio: ratio(percentile(durations, p), percentile(health, p)),
      });
    }
  }
}
