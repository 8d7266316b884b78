import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import {
  freePort,
  resolveDatabase,
  startMailCatcher,
  startPaymentSandbox,
  startTemporalDevServer,
  startTravelAgencySandbox,
} from '@avrr/local-stack';
import { dataSourceOptions, PartnerDirectory, ProgrammePolicies } from '@avrr/persistence';
import { hashPassword } from '../../apps/api/src/auth/password-hasher';
import { testPolicy } from '../../test/support/fixtures';
import { TEST_CONSULATES, TEST_JOURNEY_PARTNERS } from '../../test/support/test-env';
import { bareActivities, BARE_TASK_QUEUE } from './bare-activities';
import { BenchChild } from './bench-child';
import { quietLogger } from '../../test/support/quiet-logger';

export const SINGLE_PROGRAMME = 'BENCH-MONITOR';
export const FUNDED_PROGRAMME = 'BENCH-REINTEGRATION';
/** Returns that stay open: a declaration may take 60 days. */
export const OPEN_PROGRAMME = 'BENCH-OPEN';

export interface BenchStack {
  apiUrl: string;
  databaseUrl: string;
  databaseName: string;
  temporal: Client;
  db: DataSource;
  /** The product's processes, as `npm start` runs them: the API and its workers. */
  api: BenchChild;
  workers: BenchChild[];
  /** Adds one more product worker (a process of its own), polling the same task queue. */
  addWorker(): Promise<void>;
  /** A new staff member with `roles`, and how they sign in. */
  signIn(roles: string[]): Promise<() => Promise<string>>;
  stop(): Promise<void>;
}

/**
 * An isolated stack on free ports: its own Temporal dev server, database, mail catcher and sandboxes, the API and a
 * worker (each a process of its own), and the bare ceiling's worker in this process.
 */
export async function startBenchStack(
  log: (m: string) => void,
  { profileDir }: { profileDir?: string } = {},
): Promise<BenchStack> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const scratch = mkdtempSync(join(tmpdir(), 'avrr-bench-'));
  const databaseName = `avrr_bench_${process.pid}`;
  const [temporalServer, database, mail, agency, payments, bundle] = await Promise.all([
    startTemporalDevServer({ log }),
    resolveDatabase({ databaseName, recreate: true, dataDir: scratch, log }),
    startMailCatcher(),
    startTravelAgencySandbox(),
    startPaymentSandbox(),
    bundleWorkflowCode({ workflowsPath: require.resolve('@avrr/workflows'), logger: quietLogger }),
  ]);
  const bundlePath = join(scratch, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);
  Object.assign(process.env, {
    TEMPORAL_ADDRESS: temporalServer.address,
    DATABASE_URL: database.url,
    SMTP_URL: mail.smtpUrl,
    TEMPORAL_WORKFLOW_BUNDLE: bundlePath,
    AUTH_JWT_SECRET: randomBytes(32).toString('base64url'),
    TRAVEL_AGENCY_API_URL: agency.url,
    TRAVEL_AGENCY_API_KEY: agency.apiKey,
    PAYMENT_API_URL: payments.url,
    PAYMENT_API_KEY: payments.apiKey,
    // The bench's clients all come from 127.0.0.1: the per-address limit is not what it measures.
    RATE_LIMIT_PER_MINUTE: '1000000',
    // The bench's policies remind in seconds.
    POLICY_SHORTEST_REMINDER: 'PT2S',
  });

  const db = await new DataSource(dataSourceOptions(database.url)).initialize();
  await db.runMigrations();
  const policies = new ProgrammePolicies(db);
  await policies.publish(
    { code: SINGLE_PROGRAMME, name: 'Bench: no reintegration funding, straight to monitoring' },
    testPolicy({ reintegration: { ...testPolicy().reintegration, funded: false } }),
  );
  await policies.publish({ code: FUNDED_PROGRAMME, name: 'Bench: funded reintegration' }, testPolicy());
  await policies.publish(
    { code: OPEN_PROGRAMME, name: 'Bench: open returns' },
    testPolicy({ declarationWithin: 'P60D' }),
  );
  const partners = new PartnerDirectory(db);
  for (const [country, consulate] of Object.entries(TEST_CONSULATES)) {
    await partners.upsert({ kind: 'consulate', place: country, ...consulate });
  }
  for (const partner of TEST_JOURNEY_PARTNERS) await partners.upsert(partner);

  // The API and the worker as `npm start` runs them: each a process of its own, configured by the environment above.
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const apiPort = await freePort();
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const api = await BenchChild.start(
    'api',
    'apps/api/src/main.ts',
    { ...process.env, PORT: String(apiPort) },
    {
      check: async () => (await fetch(`${apiUrl}/health`)).ok,
    },
    nodeArgs,
  );
  const workers: BenchChild[] = [];
  const addWorker = async () => {
    workers.push(
      await BenchChild.start(
        `worker ${workers.length + 1}`,
        'apps/worker/src/main.ts',
        // Its start-up line is logged at info, whatever the caller's LOG_LEVEL.
        { ...process.env, LOG_LEVEL: 'info' },
        {
          line: /Polling task queue/,
        },
        nodeArgs,
      ),
    );
  };
  await addWorker();

  // The ceiling: a bare workflow and no-op activities on their own task queue, same process, same server.
  const bareConnection = await NativeConnection.connect({ address: temporalServer.address });
  const bareWorker = await Worker.create({
    connection: bareConnection,
    taskQueue: BARE_TASK_QUEUE,
    workflowsPath: require.resolve('./bare-workflow'),
    activities: bareActivities,
    bundlerOptions: { logger: quietLogger },
  } as Parameters<typeof Worker.create>[0]);
  const bareRunning = bareWorker.run();
  const temporal = new Client({ connection: await Connection.connect({ address: temporalServer.address }) });

  return {
    apiUrl,
    databaseUrl: database.url,
    databaseName,
    temporal,
    db,
    api,
    workers,
    addWorker,
    signIn: async (roles) => signIn(db, apiUrl, roles),
    stop: async () => {
      await temporal.connection.close();
      await api.stop();
      for (const worker of workers) await worker.stop();
      bareWorker.shutdown();
      await bareRunning.catch(() => undefined);
      await bareConnection.close();
      await db.destroy();
      for (const stop of [temporalServer.stop, mail.stop, agency.stop, payments.stop, database.stop]) {
        await stop().catch(() => undefined);
      }
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** A new staff member with `roles`; answers a sign-in that can be repeated (a token lasts AUTH_TOKEN_TTL_SECONDS). */
async function signIn(db: DataSource, apiUrl: string, roles: string[]): Promise<() => Promise<string>> {
  const username = `bench-${roles.join('.')}-${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('base64url');
  await db.query(
    `INSERT INTO staff_users (username, display_name, password_hash, roles, programmes) VALUES ($1, $2, $3, $4, NULL)`,
    [username, `Bench ${roles.join(', ')}`, await hashPassword(password), roles],
  );
  return async () => {
    const response = await fetch(`${apiUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!response.ok) throw new Error(`sign-in answered ${response.status}`);
    return ((await response.json()) as { accessToken: string }).accessToken;
  };
}
