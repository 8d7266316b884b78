import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { TARGET_GROUPS } from '@avrr/contracts';
import { dataSourceOptions } from './data-source-options';
import { MIGRATIONS } from './migrations';

/** An empty database of the test's own on the test server, dropped after the describe block; returns its URL. */
function scratchDatabase(name: string): () => string {
  let admin: Client;
  let url = '';
  beforeAll(async () => {
    admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const parsed = new URL(process.env.DATABASE_URL as string);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });
  return () => url;
}

/** On a database of its own: the migrations build the schema the entities describe, and undo cleanly. */
describe('migrations', () => {
  const url = scratchDatabase(`avrr_migrations_${process.pid}`);
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await new DataSource({ ...dataSourceOptions(url()), logging: false }).initialize();
  });

  afterAll(() => dataSource?.destroy());

  it('create a schema with nothing left for the entities to change, and drop it again', async () => {
    const applied = await dataSource.runMigrations();
    expect(applied.map((m) => m.name)).toEqual([
      'InitialSchema1764000000000',
      'StaffAndAudit1764100000000',
      'ProgrammePolicyAndPartnerPlaces1764200000000',
      'IntakeDeclarationClosure1764300000000',
      'SentMailRecipients1764400000000',
      'TravelArrangements1764500000000',
      'ReintegrationAndMonitoring1764600000000',
      'CaseStepLedger1765000000000',
      'IdentityProviderActorIds1765100000000',
      'StaffAccessVersionAndSignInAttempts1765110000000',
      'OpsDigests1765200000000',
      'PartnerHandovers1765200000001',
      'CaseListIndexes1765400000000',
      'ReportingProjection1765600000000',
      'CaseStatuses1765714000000',
      'CaseRetries1765714000001',
      'ImportedCaseCountries1765800000000',
      'CaseChangeNotifications1765900000000',
      'CaseViewNotifications1766000000000',
      'ReportTallyReads1766100000000',
      'VoucherCodesOutOfTimeline1766200000000',
      'RepeatableWrites1766300000000',
      'TrancheCancellations1766400000000',
      'KeptAnswers1766500000000',
      'AuditTargets1766600000000',
    ]);

    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);

    for (let i = 0; i < applied.length; i++) await dataSource.undoLastMigration();
    const tables = await dataSource.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'",
    );
    expect(tables).toEqual([]);
  });
});

describe('the policy migration', () => {
  const url = scratchDatabase(`avrr_policy_migration_${process.pid}`);

  it('gives a policy written before eligibility and escalation existed the values that keep it as it was', async () => {
    const options = { ...dataSourceOptions(url()), logging: false as const };
    const before = await new DataSource({ ...options, migrations: MIGRATIONS.slice(0, 2) }).initialize();
    await before.runMigrations();
    await before.query(`INSERT INTO programmes (code, name) VALUES ('OLD', 'Old programme')`);
    await before.query(
      `INSERT INTO programme_policies (programme_code, version, policy)
       VALUES ('OLD', 1, '{"travelDocument": {"dueAfter": "P14D", "reminderEvery": "P7D"}}')`,
    );
    await before.destroy();

    const after = await new DataSource(options).initialize();
    try {
      await after.runMigrations();
      const [{ policy }] = await after.query(`SELECT policy FROM programme_policies WHERE programme_code = 'OLD'`);
      expect(policy).toEqual({
        eligibleTargetGroups: [...TARGET_GROUPS],
        closedDestinations: [],
        missionCountries: [],
        returnAllowance: { amount: 0, currency: 'EUR' },
        declarationWithin: 'P90D',
        travelDocument: { dueAfter: 'P14D', reminderEvery: 'P7D', escalateAfter: 'P30D' },
        escalationContacts: [],
      });
    } finally {
      await after.destroy();
    }
  });
});
