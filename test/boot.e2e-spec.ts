import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, MIGRATIONS, runMigrationsOnce } from '@avrr/persistence';
import { testStack } from './support/test-env';

/** Runs a process of the product as its Dockerfile does, and answers how it ended and what it said. */
function run(main: string, env: NodeJS.ProcessEnv, timeoutMs = 60_000) {
  return new Promise<{ code: number | null; signal: string | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', main], {
      cwd: join(__dirname, '..'),
      env: { ...process.env, ...env, TS_NODE_PROJECT: 'tsconfig.json', LOG_FORMAT: 'json' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output });
    });
  });
}

/** What an ops engineer meets deploying beyond one machine: a wrong setting stops a process at boot, naming it. */
describe('processes at boot', () => {
  it.each([
    ['the API', 'apps/api/src/main.ts'],
    ['the worker', 'apps/worker/src/main.ts'],
  ])(
    'stops %s when Temporal has no namespace of the configured name, naming TEMPORAL_NAMESPACE',
    async (_, main) => {
      const ended = await run(main, { TEMPORAL_NAMESPACE: 'no-such-namespace', PORT: '0' });
      expect(ended.code === 0 && ended.signal === null).toBe(false);
      expect(ended.output).toContain(
        `TEMPORAL_NAMESPACE: Temporal at ${testStack().temporalAddress} has no namespace "no-such-namespace"`,
      );
    },
    90_000,
  );

  it('applies the migrations once when several APIs start together on an empty database', async () => {
    const admin = new PgClient({ connectionString: testStack().databaseUrl });
    await admin.connect();
    const name = `avrr_boot_${process.pid}`;
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(testStack().databaseUrl);
    url.pathname = `/${name}`;
    const sources = await Promise.all(
      [1, 2, 3].map(() => new DataSource(dataSourceOptions(url.toString())).initialize()),
    );
    try {
      const applied = await Promise.all(sources.map((source) => runMigrationsOnce(source)));
      expect(applied.map((list) => list.length).sort()).toEqual([0, 0, MIGRATIONS.length]);
      const counted = await sources[0].query(
        'SELECT count(*)::int AS n, count(DISTINCT name)::int AS names FROM migrations',
      );
      expect(counted).toEqual([{ n: MIGRATIONS.length, names: MIGRATIONS.length }]);
    } finally {
      await Promise.all(sources.map((source) => source.destroy()));
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    }
  }, 90_000);
});
