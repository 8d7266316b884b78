import type { DataSource } from 'typeorm';
import type { ProgrammePolicy } from '@avrr/contracts';
import { PartnerDirectory, ProgrammePolicies } from '@avrr/persistence';
import { TEST_CONSULATES, TEST_JOURNEY_PARTNERS } from './test-env';

/** A fresh database for the tests or the soak: migrated, one programme published, the journeys' partners listed. */
export async function migrateAndSeed(
  dataSource: DataSource,
  programme: { code: string; name: string },
  policy: ProgrammePolicy,
): Promise<void> {
  await dataSource.runMigrations();
  await new ProgrammePolicies(dataSource).publish(programme, policy);
  const partners = new PartnerDirectory(dataSource);
  for (const [country, consulate] of Object.entries(TEST_CONSULATES)) {
    await partners.upsert({ kind: 'consulate', place: country, ...consulate });
  }
  for (const partner of TEST_JOURNEY_PARTNERS) await partners.upsert(partner);
}
