import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { ParameterFreeLogger } from './parameter-free-logger';

/** The one definition of how we talk to PostgreSQL, used by the API, the worker, scripts and tests. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsTransactionMode: 'each',
    logging: ['error', 'warn', 'migration'],
    logger: new ParameterFreeLogger(),
    applicationName: 'avrr-returns',
    // A request that cannot get a pooled connection in time fails instead of waiting forever.
    extra: { connectionTimeoutMillis: 10_000 },
  };
}
