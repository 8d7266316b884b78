import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import {
  freePort,
  resolveDatabase,
  startMailCatcher,
  startPaymentSandbox,
  startTemporalDevServer,
  startTravelAgencySandbox,
} from '@avrr/local-stack';
import { dataSourceOptions } from '@avrr/persistence';
import { workflowBundleOptions } from '../../apps/worker/src/workflow-source';
import { testPolicy } from './fixtures';
import { migrateAndSeed } from './seed-database';
import { exportTestStack, TEST_PROGRAMME } from './test-env';
import { quietLogger } from './quiet-logger';

/** Starts the real components once for the whole run; global-teardown.ts stops them. */
export default async function globalSetup(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'avrr-test-'));
  const log = (message: string) => console.log(`[test setup] ${message}`);
  const [temporal, database, mail, agency, payments, bundle] = await Promise.all([
    freePort().then((uiPort) => startTemporalDevServer({ uiPort, log })),
    resolveDatabase({ databaseName: `avrr_test_${process.pid}`, recreate: true, dataDir: scratch, log }),
    startMailCatcher(),
    startTravelAgencySandbox(),
    startPaymentSandbox(),
    bundleWorkflowCode({ ...workflowBundleOptions, logger: quietLogger }),
  ]);
  const bundlePath = join(scratch, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);
  (globalThis as { __avrrStops?: (() => Promise<void>)[] }).__avrrStops = [
    temporal.stop,
    database.stop,
    mail.stop,
    agency.stop,
    payments.stop,
    async () => rmSync(scratch, { recursive: true, force: true }),
  ];

  const dataSource = await new DataSource(dataSourceOptions(database.url)).initialize();
  try {
    await migrateAndSeed(
      dataSource,
      { code: TEST_PROGRAMME, name: 'Test programme with durations in seconds' },
      testPolicy(),
    );
  } finally {
    await dataSource.destroy();
  }

  // Request lines would drown the test output: a test that reads the log sets its own level and file.
  process.env.LOG_LEVEL ??= 'warn';
  // Every test client stands at 127.0.0.1; the rate limit has a test of its own.
  process.env.RATE_LIMIT_PER_MINUTE ??= '1000000';
  exportTestStack({
    temporalAddress: temporal.address,
    temporalUiUrl: temporal.uiUrl!,
    databaseUrl: database.url,
    smtpUrl: mail.smtpUrl,
    mailCatcherUrl: mail.httpUrl,
    workflowBundlePath: bundlePath,
    jwtSecret: randomBytes(32).toString('base64url'),
    travelAgencyUrl: agency.url,
    travelAgencyApiKey: agency.apiKey,
    paymentUrl: payments.url,
    paymentApiKey: payments.apiKey,
  });
}
