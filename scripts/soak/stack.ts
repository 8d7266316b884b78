import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { ProgrammePolicy } from '@avrr/contracts';
import {
  freePort,
  resolveDatabase,
  startMailCatcher,
  startPaymentSandbox,
  startTemporalDevServer,
  startTravelAgencySandbox,
  type MailCatcher,
  type PaymentSandbox,
  type TravelAgencySandbox,
} from '@avrr/local-stack';
import { dataSourceOptions, StaffUserEntity } from '@avrr/persistence';
import { hashPassword } from '../../apps/api/src/auth/password-hasher';
import type { Role } from '../../apps/api/src/auth/roles';
import { testPolicy } from '../../test/support/fixtures';
import { migrateAndSeed } from '../../test/support/seed-database';
import { quietLogger } from '../../test/support/quiet-logger';

export const SOAK_PROGRAMME = 'SOAK-FAST';
/** Follow-ups of the soak's programme: the driver records one visit per offset. */
export const FOLLOW_UPS = ['PT15S', 'PT25S'];

/**
 * The test policy (durations in seconds), with room for what a crash delays: the declaration may wait minutes, and
 * a visit is never counted as missed while the soak runs, so every return can end as `completed`.
 */
export function soakPolicy(): ProgrammePolicy {
  const policy = testPolicy();
  return {
    ...policy,
    declarationWithin: 'PT30M',
    reintegration: {
      ...policy.reintegration,
      monitoring: {
        offsets: FOLLOW_UPS,
        visit: { dueAfter: 'PT30S', reminderEvery: 'PT30S', escalateAfter: 'PT60S' },
        missedAfter: 'PT2H',
      },
    },
  };
}

export type StaffRole = 'caseWorker' | 'supervisor' | 'finance' | 'monitor';
const ROLES: Record<StaffRole, Role> = {
  caseWorker: 'case-worker',
  supervisor: 'supervisor',
  finance: 'finance-officer',
  monitor: 'monitor',
};

/** What the soak starts in-process; the API and the worker run as child processes (see children.ts). */
export interface SoakStack {
  scratch: string;
  databaseUrl: string;
  mail: MailCatcher;
  agency: TravelAgencySandbox;
  payments: PaymentSandbox;
  temporal: Client;
  /** The environment the API and the worker read (libs/config). */
  env: NodeJS.ProcessEnv;
  apiUrl: string;
  staff: Record<StaffRole, { username: string; password: string }>;
  stop(): Promise<void>;
}

export async function startSoakStack(scratch: string, log: (message: string) => void): Promise<SoakStack> {
  const [temporalServer, database, mail, agency, payments, bundle] = await Promise.all([
    startTemporalDevServer({ log }),
    resolveDatabase({ databaseName: `avrr_soak_${process.pid}`, recreate: true, dataDir: scratch, log }),
    startMailCatcher(),
    startTravelAgencySandbox(),
    startPaymentSandbox(),
    bundleWorkflowCode({ workflowsPath: require.resolve('@avrr/workflows'), logger: quietLogger }),
  ]);
  const bundlePath = join(scratch, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);
  const staff = await prepareDatabase(database.url);
  const temporal = new Client({ connection: await Connection.connect({ address: temporalServer.address }) });
  const apiPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: temporalServer.address,
    TEMPORAL_WORKFLOW_BUNDLE: bundlePath,
    SMTP_URL: mail.smtpUrl,
    SMTP_CONNECTION_TIMEOUT_MS: '5000',
    // The soak's policies remind in seconds.
    POLICY_SHORTEST_REMINDER: 'PT2S',
    PORT: String(apiPort),
    AUTH_JWT_SECRET: randomBytes(32).toString('base64url'),
    AUTH_TOKEN_TTL_SECONDS: String(12 * 3600),
    TRAVEL_AGENCY_API_URL: agency.url,
    TRAVEL_AGENCY_API_KEY: agency.apiKey,
    PAYMENT_API_URL: payments.url,
    PAYMENT_API_KEY: payments.apiKey,
  };
  return {
    scratch,
    databaseUrl: database.url,
    mail,
    agency,
    payments,
    temporal,
    env,
    apiUrl: `http://127.0.0.1:${apiPort}`,
    staff,
    stop: async () => {
      await temporal.connection.close();
      for (const stop of [agency.stop, payments.stop, mail.stop, temporalServer.stop, database.stop]) {
        await stop().catch((error: unknown) => log(`while stopping: ${String(error)}`));
      }
    },
  };
}

/** Migrations, the soak's programme, the partners of the test journeys, and one staff member per role. */
async function prepareDatabase(url: string): Promise<SoakStack['staff']> {
  const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    await migrateAndSeed(dataSource, { code: SOAK_PROGRAMME, name: 'Crash soak: durations in seconds' }, soakPolicy());
    const staff = {} as SoakStack['staff'];
    for (const [name, role] of Object.entries(ROLES) as [StaffRole, Role][]) {
      const username = `soak-${role}`;
      const password = randomBytes(12).toString('base64url');
      await dataSource.manager.insert(StaffUserEntity, {
        username,
        displayName: `Soak ${role}`,
        passwordHash: await hashPassword(password),
        roles: [role],
        programmes: null,
      });
      staff[name] = { username, password };
    }
    return staff;
  } finally {
    await dataSource.destroy();
  }
}
