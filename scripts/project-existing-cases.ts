// `npm run reports:project-existing`: counts the cases recorded before the reporting projection in its figures.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions, projectExistingCases } from '@avrr/persistence';
import { DatabaseEnv, validateConfig } from '@avrr/config';

async function main() {
  const dataSource = await new DataSource(dataSourceOptions(validateConfig(DatabaseEnv).DATABASE_URL)).initialize();
  try {
    console.log(`Projected ${await projectExistingCases(dataSource)} case(s) into the reporting figures.`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
