import { createHash } from 'node:crypto';
import { QueryFailedError, type EntityManager } from 'typeorm';

/**
 * Runs `sql` as a named prepared statement: each connection of the pool has PostgreSQL parse and plan it once, then
 * only binds and runs it. For the few large statements run on every read and step (a case file plans in about 2 ms
 * and runs in 0.5); only for SQL whose text is one of a fixed few, as each connection keeps what it prepared.
 * Runs in `manager`'s transaction when it has one; fails as `manager.query` does (QueryFailedError, logged alike).
 */
export async function preparedQuery<T>(manager: EntityManager, sql: string, parameters: unknown[]): Promise<T[]> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as {
      query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: T[] }>;
    };
    const { rows } = await client.query({ name: statementName(sql), text: sql, values: parameters });
    return rows;
  } catch (error) {
    manager.connection.logger.logQueryError(error as Error, sql, undefined, runner);
    throw new QueryFailedError(sql, parameters, error as Error);
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}

const names = new Map<string, string>();

/** The statement's name, from its text: the same text is the same statement on every connection. */
function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `avrr_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    names.set(sql, name);
  }
  return name;
}
