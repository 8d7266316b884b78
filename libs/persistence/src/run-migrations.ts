import type { DataSource, Migration } from 'typeorm';

/** The advisory lock under which one process at a time applies the migrations (any number, fixed once). */
const MIGRATIONS_LOCK = 7_460_001;

/**
 * Applies the pending migrations, one process at a time: APIs starting together (replicas, compose) each wait for
 * the one before, then find nothing left to apply. Run at once, a migration failed in one process, or was recorded
 * twice.
 */
export async function runMigrationsOnce(dataSource: DataSource): Promise<Migration[]> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATIONS_LOCK]);
    try {
      return await dataSource.runMigrations();
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATIONS_LOCK]);
    }
  } finally {
    await lock.release();
  }
}
