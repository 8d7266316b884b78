import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

describe('database logging', () => {
  it('logs a failed query without the values it carried', async () => {
    const dataSource = await new DataSource(dataSourceOptions(process.env.DATABASE_URL as string)).initialize();
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const spyOut = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      await expect(
        dataSource.query('INSERT INTO case_persons (case_ref, role, given_name) VALUES ($1, $2, $3)', [
          'NO-SUCH-CASE',
          'returnee',
          'Amina-Secret-Name',
        ]),
      ).rejects.toThrow();
      // PostgreSQL quotes a value it cannot read in its message: the message stays out of the log too.
      await expect(dataSource.query('SELECT $1::date', ['Amina-Secret-Birthday'])).rejects.toThrow();
    } finally {
      spy.mockRestore();
      spyOut.mockRestore();
      await dataSource.destroy();
    }
    const log = written.join('');
    expect(log).toContain('query failed: ');
    expect(log).toContain('INSERT INTO case_persons');
    expect(log).not.toContain('Amina-Secret-Name');
    expect(log).toContain('query failed: code 22007');
    expect(log).not.toContain('Amina-Secret-Birthday');
  });
});
