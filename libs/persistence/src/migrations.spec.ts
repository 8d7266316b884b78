import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** On a database of its own: the migrations build the schema the entities describe, and undo cleanly. */
describe('migrations', () => {
  const name = `avrr_migrations_${process.pid}`;
  let admin: Client;
  let dataSource: DataSource;

  beforeAll(async () => {
    admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(process.env.DATABASE_URL as string);
    url.pathname = `/${name}`;
    dataSource = await new DataSource({ ...dataSourceOptions(url.toString()), logging: false }).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('create a schema with nothing left for the entities to change, and drop it again', async () => {
    const applied = await dataSource.runMigrations();
    expect(applied.map((m) => m.name)).toEqual(['InitialSchema1764000000000', 'StaffAndAudit1764100000000']);

    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);

    await dataSource.undoLastMigration();
    await dataSource.undoLastMigration();
    const tables = await dataSource.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'",
    );
    expect(tables).toEqual([]);
  });
});
