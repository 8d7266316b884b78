import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseConfig, type DatabaseConfig } from '@avrr/config';
import { ConfigModule } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { runMigrationsOnce } from './run-migrations';
import { DatabaseUnreachable, mayComeUp } from './database-unreachable';

/**
 * The TypeORM connection for a Nest application. `runMigrations` is for the one process that owns the
 * schema (the API); the worker connects to a schema that is already there.
 */
@Module({})
export class PersistenceModule {
  static forRoot({ runMigrations }: { runMigrations: boolean }) {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          imports: [ConfigModule.forFeature(databaseConfig)],
          inject: [databaseConfig.KEY],
          useFactory: (db: DatabaseConfig) => ({
            ...dataSourceOptions(db.url),
            toRetry: mayComeUp,
            verboseRetryLog: true,
          }),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize().catch((error: unknown) => {
              throw new DatabaseUnreachable(options as { url: string }, error);
            });
            if (runMigrations) await runMigrationsOnce(dataSource);
            return dataSource;
          },
        }),
      ],
    };
  }
}
