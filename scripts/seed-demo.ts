import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions, PartnerDirectory, ProgrammePolicies } from '@avrr/persistence';

export const DEMO_PROGRAMME = 'AVRR-DEMO';

/**
 * A programme and a few consulates so that a first `npm start` can run a return at once. Written only into
 * an empty directory: it never touches data someone entered. The addresses are example.org; the local mail
 * catcher shows what would have been sent.
 */
export async function seedDemoData(url: string): Promise<boolean> {
  const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    const policies = new ProgrammePolicies(dataSource);
    if (await policies.current(DEMO_PROGRAMME)) return false;
    await policies.publish(
      { code: DEMO_PROGRAMME, name: 'AVRR demonstration programme' },
      { travelDocument: { dueAfter: 'P14D', reminderEvery: 'P7D' } },
    );
    const partners = new PartnerDirectory(dataSource);
    for (const [country, name] of [
      ['PK', 'Consulate of Pakistan'],
      ['NG', 'Consulate of Nigeria'],
      ['GE', 'Consulate of Georgia'],
      ['MD', 'Consulate of Moldova'],
    ]) {
      await partners.upsert({
        kind: 'consulate',
        country,
        name,
        email: `consulate.${country.toLowerCase()}@example.org`,
      });
    }
    return true;
  } finally {
    await dataSource.destroy();
  }
}
