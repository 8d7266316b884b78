import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { preparedQuery } from './prepared-query';

/** One connection, so each statement runs again on the connection that prepared it. */
describe('preparedQuery', () => {
  const table = `prepared_probe_${process.pid}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await new DataSource({
      type: 'postgres',
      url: process.env.DATABASE_URL,
      extra: { max: 1 },
    }).initialize();
    await dataSource.query(`CREATE TABLE ${table} (code varchar(5) NOT NULL)`);
    await dataSource.query(`INSERT INTO ${table} VALUES ('AB')`);
  });

  afterAll(async () => {
    await dataSource.query(`DROP TABLE IF EXISTS ${table}`);
    await dataSource.destroy();
  });

  it('still answers after a migration changed the type of a column it returns', async () => {
    const read = () => preparedQuery<{ code: string }>(dataSource.manager, `SELECT code FROM ${table}`, []);
    expect(await read()).toEqual([{ code: 'AB' }]);
    await dataSource.query(`ALTER TABLE ${table} ALTER COLUMN code TYPE varchar(10)`);
    await dataSource.query(`UPDATE ${table} SET code = 'ABCDEFGHIJ'`);
    expect(await read()).toEqual([{ code: 'ABCDEFGHIJ' }]);
    expect(await read()).toEqual([{ code: 'ABCDEFGHIJ' }]);
  });

  it('fails as a query does, in the transaction it was given', async () => {
    const failed = dataSource.transaction((manager) => preparedQuery(manager, `SELECT 1 / $1::int AS quotient`, [0]));
    await expect(failed).rejects.toMatchObject({ name: 'QueryFailedError', driverError: { code: '22012' } });
    expect(await preparedQuery(dataSource.manager, `SELECT 1 / $1::int AS quotient`, [1])).toEqual([{ quotient: 1 }]);
  });
});
