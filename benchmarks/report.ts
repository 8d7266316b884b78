// `npm run bench:report`: the report's latency over 100,000 imported cases. Prints figures; asserts nothing.
// Uses DATABASE_URL's server, else PostgreSQL on 127.0.0.1:5432, else an embedded one, in a scratch database.
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { resolveDatabase } from '@avrr/local-stack';
import { dataSourceOptions, ProgrammePolicies } from '@avrr/persistence';
import type { StaffPrincipal } from '../apps/api/src/auth/principal';
import { HistoryImport } from '../apps/api/src/reports/import/history-import';
import { CaseChanges } from '../apps/api/src/changes/case-changes';
import { SummaryReports } from '../apps/api/src/reports/summary-reports';
import { testPolicy } from '../test/support/fixtures';
import { generateHistory, historyCsv } from '../test/support/history-generator';

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const PROGRAMME = 'AVRR-BENCH';

async function main() {
  const databaseName = `avrr_bench_${process.pid}`;
  const database = await resolveDatabase({
    databaseName,
    recreate: true,
    dataDir: mkdtempSync(join(tmpdir(), 'avrr-bench-')),
    log: () => {},
  });
  const dataSource = await new DataSource({ ...dataSourceOptions(database.url), logging: false }).initialize();
  try {
    await dataSource.runMigrations();
    const policies = new ProgrammePolicies(dataSource);
    await policies.publish({ code: PROGRAMME, name: 'Benchmark programme' }, testPolicy());
    const admin: StaffPrincipal = { id: 'benchmark', roles: ['administrator'], programmes: null };
    const rows = generateHistory({ cases: CASES, prefix: 'B' });
    let started = Date.now();
    const imported = await new HistoryImport(dataSource, policies).import(PROGRAMME, historyCsv(rows), admin);
    console.log(
      `imported ${imported.imported} cases (${rows.length} people) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    const [{ tallies }] = await dataSource.query(`SELECT count(*)::int AS tallies FROM report_tallies`);
    await dataSource.query('VACUUM ANALYZE report_tallies');
    console.log(`report_tallies: ${tallies} rows`);

    // The floor on this machine, measured in the same run: a round trip that does nothing.
    const floor: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      started = performance.now();
      await dataSource.query('SELECT 1');
      floor.push(performance.now() - started);
    }
    console.log(`SELECT 1 (the machine's floor): ${latency(floor)}`);

    // Its CaseChanges never listens: every report is summed, as this measures.
    const reports = new SummaryReports(
      dataSource,
      { suppressBelow: 5 },
      new CaseChanges(dataSource),
      new ProgrammePolicies(dataSource),
    );
    const variants: [string, Record<string, string>][] = [
      ['2015-2023 by year, one programme', { programme: PROGRAMME, from: '2015', to: '2023' }],
      [
        '2019-03..2021-08 by month, one programme',
        { programme: PROGRAMME, from: '2019-03', to: '2021-08', granularity: 'month' },
      ],
      ['2015-2023 by year, all programmes', { from: '2015', to: '2023' }],
    ];
    for (const [name, query] of variants) {
      for (let i = 0; i < 20; i++) await reports.summary(query, admin); // warm-up
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        started = performance.now();
        const report = await reports.summary(query, admin);
        times.push(performance.now() - started);
        if (i === 0 && name.startsWith('2015-2023 by year, one')) {
          const { counselled, departed, allowances } = report.figures;
          console.log(
            `figures: ${counselled.total} counselled, ${departed.total} departed, ${allowances.total} allowances`,
          );
        }
      }
      console.log(`GET /reports/summary ${name}: ${latency(times)} (${CASES} cases)`);
    }
  } finally {
    await dataSource.destroy();
    if (process.env.BENCH_KEEP) return console.log(`kept ${database.url}`);
    const admin = new Client({ connectionString: database.url.replace(`/${databaseName}`, '/postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await admin.end();
    await database.stop();
  }
}

function latency(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.ceil(share * sorted.length) - 1].toFixed(1);
  return `p50 ${at(0.5)} ms, p99 ${at(0.99)} ms (${times.length} runs)`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
