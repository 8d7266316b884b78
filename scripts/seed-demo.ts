import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { DEFAULT_REINTEGRATION_POLICY, DEFAULT_TRAVEL_POLICY, TARGET_GROUPS } from '@avrr/contracts';
import { dataSourceOptions, PartnerDirectory, ProgrammePolicies, StaffUserEntity } from '@avrr/persistence';
import { hashPassword } from '../apps/api/src/auth/password-hasher';

export const DEMO_PROGRAMME = 'AVRR-DEMO';
export const DEMO_CASE_WORKER = 'caseworker';

/**
 * A programme, a few consulates and a case worker so that a first `npm start` can run a return at once.
 * Written only where the programme does not exist yet: it never touches data someone entered. The addresses
 * are example.org; the local mail catcher shows what would have been sent.
 */
export async function seedDemoData(url: string, caseWorkerPassword: string): Promise<boolean> {
  const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    const policies = new ProgrammePolicies(dataSource);
    if (await policies.current(DEMO_PROGRAMME)) return false;
    await policies.publish(
      { code: DEMO_PROGRAMME, name: 'AVRR demonstration programme' },
      {
        eligibleTargetGroups: [...TARGET_GROUPS],
        closedDestinations: ['SY', 'AF'],
        missionCountries: ['PK', 'NG', 'GE', 'MD'],
        returnAllowance: { amount: 100, currency: 'USD' },
        declarationWithin: 'P60D',
        travelDocument: { dueAfter: 'P14D', reminderEvery: 'P7D', escalateAfter: 'P28D' },
        escalationContacts: ['supervisor@example.org'],
        travel: {
          ...DEFAULT_TRAVEL_POLICY,
          // npm start runs the sandbox agency's booking API.
          booking: 'agency-api',
          agencyCode: 'DEMO',
        },
        reintegration: {
          ...DEFAULT_REINTEGRATION_POLICY,
          funded: true,
          perAdult: 2000,
          perChild: 1000,
          survey: {
            version: 'rss-demo-1',
            questions: [
              {
                id: 'income-sufficient',
                text: 'Is your income enough to meet your needs?',
                dimension: 'economic',
                weight: 2,
                min: 1,
                max: 5,
              },
              {
                id: 'debt-manageable',
                text: 'Can you manage your debts?',
                dimension: 'economic',
                weight: 1,
                min: 1,
                max: 5,
              },
              {
                id: 'adequate-housing',
                text: 'Is your housing adequate?',
                dimension: 'social',
                weight: 1,
                min: 1,
                max: 5,
              },
              {
                id: 'access-to-services',
                text: 'Can you reach health care, schooling and documents?',
                dimension: 'social',
                weight: 1,
                min: 1,
                max: 5,
              },
              {
                id: 'feels-part-of-community',
                text: 'Do you feel part of the community?',
                dimension: 'psychosocial',
                weight: 1,
                min: 1,
                max: 5,
              },
              {
                id: 'no-wish-to-migrate-again',
                text: 'Do you wish to stay rather than migrate again?',
                dimension: 'psychosocial',
                weight: 1,
                min: 1,
                max: 5,
              },
            ],
            dimensionWeights: { economic: 1, social: 1, psychosocial: 1 },
          },
        },
      },
    );
    const partners = new PartnerDirectory(dataSource);
    for (const [country, name] of [
      ['PK', 'Pakistan'],
      ['NG', 'Nigeria'],
      ['GE', 'Georgia'],
      ['MD', 'Moldova'],
    ]) {
      const code = country.toLowerCase();
      await partners.upsert({
        kind: 'consulate',
        place: country,
        name: `Consulate of ${name}`,
        email: `consulate.${code}@example.org`,
      });
      await partners.upsert({
        kind: 'mission',
        place: country,
        name: `IOM ${name}`,
        email: `mission.${code}@example.org`,
      });
    }
    for (const [airport, name] of [
      ['OTP', 'Bucharest Otopeni'],
      ['IST', 'Istanbul'],
      ['DOH', 'Doha'],
    ]) {
      await partners.upsert({
        kind: 'airport-assistance',
        place: airport,
        name: `${name} airport assistance`,
        email: `assistance.${airport.toLowerCase()}@example.org`,
      });
    }
    await partners.upsert({
      kind: 'accommodation',
      place: 'RO',
      name: 'Bucharest transit accommodation',
      email: 'accommodation.ro@example.org',
    });
    await partners.upsert({
      kind: 'travel-agency',
      place: 'DEMO',
      name: 'Demo travel agency',
      email: 'bookings@example.org',
    });
    await dataSource.manager.upsert(
      StaffUserEntity,
      {
        username: DEMO_CASE_WORKER,
        displayName: 'Demo case worker',
        roles: ['case-worker', 'supervisor'],
        programmes: [DEMO_PROGRAMME],
        passwordHash: await hashPassword(caseWorkerPassword),
      },
      ['username'],
    );
    return true;
  } finally {
    await dataSource.destroy();
  }
}
