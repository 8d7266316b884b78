import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, MIGRATIONS, runMigrationsOnce } from '@avrr/persistence';
import { testStack } from './support/test-env';

/** Runs a process of the product as its Dockerfile does, and answers how it ended and what it said. */
function run(
  main: string,
  env: NodeJS.ProcessEnv,
  { timeoutMs = 60_000, stopOn }: { timeoutMs?: number; stopOn?: RegExp } = {},
) {
  return new Promise<{ code: number | null; signal: string | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', main], {
      cwd: join(__dirname, '..'),
      env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json', LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      // Stopped as an orchestrator stops it, once it has said what the test waits for.
      if (stopOn?.test(output) && child.exitCode === null) child.kill('SIGTERM');
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output });
    });
  });
}

/** What a process wrote, each JSON line read as its message. */
const said = (output: string) =>
  output
    .split('\n')
    .map((line) => {
      try {
        return String((JSON.parse(line) as { msg: unknown }).msg);
      } catch {
        return line;
      }
    })
    .join('\n');

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
      expect(said(ended.output)).toContain(
        `TEMPORAL_NAMESPACE: Temporal at ${testStack().temporalAddress} has no namespace "no-such-namespace"`,
      );
    },
    90_000,
  );

  it('logs the worker in JSON lines when LOG_FORMAT is json: Nest, the Temporal SDK and a fatal error', async () => {
    const lines = (output: string) => output.split('\n').filter((line) => line.trim());
    const stopped = await run(
      'apps/worker/src/main.ts',
      { TEMPORAL_TASK_QUEUE: `boot-${process.pid}` },
      { stopOn: /Polling task queue/ },
    );
    const logged = lines(stopped.output);
    expect(logged.filter((line) => !line.startsWith('{'))).toEqual([]);
    const parsed = logged.map((line) => JSON.parse(line) as { context?: string; msg: string });
    expect(parsed.some((line) => line.context === 'TemporalSDK' && line.msg === 'Worker state changed')).toBe(true);
    expect(parsed.some((line) => line.context === 'TemporalWorker' && /^Polling task queue/.test(line.msg))).toBe(true);

    const failed = lines((await run('apps/worker/src/main.ts', { TEMPORAL_NAMESPACE: 'no-such-namespace' })).output);
    expect(failed.filter((line) => !line.startsWith('{'))).toEqual([]);
    expect(JSON.parse(failed.at(-1)!)).toMatchObject({ level: 60, process: 'worker' });
  }, 120_000);

  it('logs the API in JSON lines when LOG_FORMAT is json, a setting refused at boot included', async () => {
    const ended = await run('apps/api/src/main.ts', { AUTH_JWT_SECRET: 'short', PORT: '0' });
    const logged = ended.output.split('\n').filter((line) => line.trim());
    expect(logged.filter((line) => !line.startsWith('{'))).toEqual([]);
    expect(JSON.parse(logged.at(-1)!)).toMatchObject({ level: 50, process: 'api', context: 'ExceptionHandler' });
    expect(said(ended.output)).toContain('AUTH_JWT_SECRET: must be at least 32 characters');
    expect(ended.code).toBe(1);
  }, 90_000);

  it.each([
    [
      'a database that does not exist',
      (url: URL) => (url.pathname = '/no_such_database'),
      'database "no_such_database" does not exist',
    ],
    [
      'a user that does not exist',
      (url: URL) => ((url.username = 'no_such_user'), (url.password = 'typed-secret')),
      'role "no_such_user" does not exist',
    ],
  ])(
    'stops the worker at once on %s, naming DATABASE_URL and not its password',
    async (_, change, why) => {
      const url = new URL(testStack().databaseUrl);
      change(url);
      // TypeORM would try nine times, three seconds apart, before saying anything of why.
      const ended = await run('apps/worker/src/main.ts', { DATABASE_URL: url.toString() }, { timeoutMs: 20_000 });
      expect(ended.signal).toBeNull();
      expect(said(ended.output)).toContain(
        `Cannot use the database at ${url.hostname}:${url.port}${url.pathname} (DATABASE_URL): ${why}`,
      );
      expect(ended.output).not.toContain('typed-secret');
    },
    60_000,
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
