import { createHash } from 'node:crypto';
import { QueryFailedError, QueryRunnerProviderAlreadyReleasedError, type EntityManager } from 'typeorm';

/**
 * Runs `sql` as a named prepared statement: each connection of the pool has PostgreSQL parse and plan it once, then
 * only binds and runs it. For the few large statements run on every read and step (a case file plans in about 2 ms
 * and runs in 0.5); only for SQL whose text is one of a fixed few, as each connection keeps what it prepared.
 * Runs in `manager`'s transaction when it has one; fails as `manager.query` does (QueryFailedError, logged alike).
 */
export async function preparedQuery<T>(manager: EntityManager, sql: string, parameters: unknown[]): Promise<T[]> {
  if (manager.queryRunner?.isReleased) throw new QueryRunnerProviderAlreadyReleasedError();
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as {
      query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: T[] }>;
    };
    const run = async () => (await client.query({ name: statementName(sql), text: sql, values: parameters })).rows;
    try {
      return await run();
    } catch (error) {
      if (!preparedBeforeSchemaChange(error)) throw error;
      // Every statement is prepared anew, under new names. A transaction the refusal aborted is its caller's to repeat.
      generation += 1;
      if (manager.queryRunner) throw error;
      return await run();
    }
  } catch (error) {
    manager.connection.logger.logQueryError(error as Error, sql, undefined, runner);
    throw new QueryFailedError(sql, parameters, error as Error);
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}

/** Bumped when PostgreSQL refuses a statement a connection prepared before a migration changed what it returns. */
let generation = 0;

/**
 * "cached plan must not change result type" (a column's type changed under a prepared statement), or a statement
 * the connection no longer holds: neither is repaired by running it again under its name.
 */
function preparedBeforeSchemaChange(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  return (code === '0A000' && /cached plan/.test(message ?? '')) || code === '26000';
}

const hashes = new Map<string, string>();

/** The statement's name, from its text: the same text is the same statement on every connection. */
function statementName(sql: string): string {
  let hash = hashes.get(sql);
  if (!hash) {
    hash = createHash('sha1').update(sql).digest('hex').slice(0, 20);
    hashes.set(sql, hash);
  }
  return `avrr_${hash}_${generation}`;
}
