// `npm run migration:run`: applies pending migrations to DATABASE_URL.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrationsOnce } from '@avrr/persistence';
import { DatabaseEnv, validateConfig } from '@avrr/config';

export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    return (await runMigrationsOnce(dataSource)).map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  runMigrations(validateConfig(DatabaseEnv).DATABASE_URL)
    .then((applied) => console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Schema is up to date.'))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
