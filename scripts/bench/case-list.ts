import { RETURN_STAGES } from '@avrr/contracts';
import { fmt, percentile, ratio, timed, type Line } from './measure';
import type { StaffClient } from './lifecycle';
import { SINGLE_PROGRAMME, type BenchStack } from './stack';

const DESTINATIONS = ['PK', 'NG', 'GE', 'MD', 'AL', 'IQ', 'TN', 'SN'];

/** `cases` rows written straight into return_cases with SQL, spread over stages and destinations, a minute apart. */
export async function bulkInsertCases(stack: BenchStack, cases: number): Promise<void> {
  const { version } = (
    await stack.db.query('SELECT max(version) AS version FROM programme_policies WHERE programme_code = $1', [
      SINGLE_PROGRAMME,
    ])
  )[0];
  const stages = `ARRAY[${RETURN_STAGES.map((s) => `'${s}'`).join(',')}]`;
  const destinations = `ARRAY[${DESTINATIONS.map((d) => `'${d}'`).join(',')}]`;
  await stack.db.query(
    `INSERT INTO return_cases (case_ref, programme_code, policy_version, host_country, destination_country,
       destination_city, has_valid_travel_document, stage, workflow_id, target_group, outcome, created_at, updated_at)
     SELECT 'BULK-' || lpad(n::text, 7, '0'), $1, $2, 'RO', (${destinations})[1 + n % ${DESTINATIONS.length}], 'City',
       true, (${stages})[1 + n % ${RETURN_STAGES.length}], 'return-BULK-' || n, 'rejected-asylum-seeker',
       CASE WHEN (${stages})[1 + n % ${RETURN_STAGES.length}] = 'closed' THEN 'completed' END,
       now() - (n || ' minutes')::interval, now()
     FROM generate_series(1, $3) AS n`,
    [SINGLE_PROGRAMME, version, cases],
  );
  // Each with the status its workflow would have published (closed ones completed), as every return started has.
  // Fixtures, not changes anyone waits for: written without the triggers that notify waiting case views.
  await stack.db.transaction(async (manager) => {
    await manager.query(`SET LOCAL session_replication_role = replica`);
    await manager.query(
      `INSERT INTO case_statuses (case_ref, run_id, run_started_at, seq, run_status, status)
       SELECT case_ref, 'bulk-run-' || case_ref, created_at, 1, CASE WHEN stage = 'closed' THEN 'COMPLETED' ELSE 'RUNNING' END,
         jsonb_build_object('caseRef', case_ref, 'stage', stage, 'stageSince', created_at, 'waitingFor', null)
       FROM return_cases WHERE case_ref LIKE 'BULK-%'`,
    );
  });
  // As autovacuum leaves a table some time after a bulk load: statistics, and the visibility map for index-only scans.
  await stack.db.query('VACUUM ANALYZE return_cases');
  await stack.db.query('VACUUM ANALYZE case_statuses');
}

/** GET /returns p50/p99: first page, filtered, and a deep page, against GET /health (one SQL round trip). */
export async function caseList(
  stack: BenchStack,
  caseWorker: StaffClient,
  cases: number,
  samples: number,
  lines: Line[],
) {
  await bulkInsertCases(stack, cases);
  const health = await timed(samples, 1, () => fetch(`${stack.apiUrl}/health`).then((r) => r.text()));
  const deepPage = Math.floor(cases / 50) - 10;
  const queries = {
    'first page': '/returns',
    'stage + destination': '/returns?stage=monitoring&destination=PK',
    'programme + outcome': `/returns?programme=${SINGLE_PROGRAMME}&outcome=completed`,
    [`deep page ${deepPage}`]: `/returns?page=${deepPage}`,
  };
  const measured = (name: string, durations: number[]) => {
    for (const p of [50, 99]) {
      lines.push({
        measure: `GET /returns ${name} p${p} ms, ${cases} cases (ceiling: /health)`,
        product: fmt(percentile(durations, p)),
        ceiling: fmt(percentile(health, p)),
        ratio: ratio(percentile(durations, p), percentile(health, p)),
      });
    }
  };
  for (const [name, path] of Object.entries(queries))
    measured(name, await timed(samples, 1, () => caseWorker.read(path)));
  // A deep page read again starts after the case before it (its anchor); a page read the first time skips to it.
  const firstReads = await timed(samples, 1, (i) => caseWorker.read(`/returns?page=${deepPage - samples + i}`));
  measured(`deep pages ${deepPage - samples}-${deepPage - 1}, each read once`, firstReads);
  // Every page of the list, each after the one before by its `next` cursor: the deep pages included.
  const walk: number[] = [];
  for (let path: string | null = '/returns'; path;) {
    const started = performance.now();
    const { body } = await caseWorker.read(path);
    walk.push(performance.now() - started);
    path = body.next ? `/returns?cursor=${body.next}` : null;
  }
  measured(`every page by cursor (${walk.length} pages)`, walk);
  measured('last 50 pages by cursor', walk.slice(-50));
}
