import type { DataSource } from 'typeorm';
import { TARGET_GROUPS, type ProgrammePolicy, type SurveyPolicy } from '@avrr/contracts';
import { ReturnCaseEntity } from '@avrr/persistence';
import { newCaseRef } from './http';
import { TEST_PROGRAMME } from './test-env';

/** A small sustainability survey whose scores a test can compute by hand. */
export const TEST_SURVEY: SurveyPolicy = {
  version: 'rss-test-1',
  questions: [
    { id: 'income', dimension: 'economic', weight: 2, min: 1, max: 5 },
    { id: 'debt', dimension: 'economic', weight: 1, min: 1, max: 5 },
    { id: 'housing', dimension: 'social', weight: 1, min: 1, max: 5 },
    { id: 'services', dimension: 'social', weight: 1, min: 1, max: 5 },
    { id: 'wellbeing', text: 'How is your well-being?', dimension: 'psychosocial', weight: 1, min: 0, max: 10 },
  ],
  dimensionWeights: { economic: 0.4, social: 0.3, psychosocial: 0.3 },
};

/** A policy whose durations are seconds, so a test sees reminders and escalations happen. */
export function testPolicy(overrides: Partial<ProgrammePolicy> = {}): ProgrammePolicy {
  return {
    eligibleTargetGroups: [...TARGET_GROUPS],
    closedDestinations: ['SY'],
    missionCountries: ['PK', 'NG', 'GE'],
    returnAllowance: { amount: 100, currency: 'USD' },
    declarationWithin: 'PT10S',
    travelDocument: { dueAfter: 'PT3S', reminderEvery: 'PT3S', escalateAfter: 'PT8S' },
    escalationContacts: ['supervisor@operations.test'],
    travel: {
      booking: 'agency-api',
      agencyCode: 'TEST',
      agencyAnswer: { dueAfter: 'PT3S', reminderEvery: 'PT3S', escalateAfter: 'PT8S' },
      confirmations: { dueAfter: 'PT3S', reminderEvery: 'PT3S', escalateAfter: 'PT8S' },
      // Tests book flights for tomorrow, and confirm their departure at once.
      departureConfirmableFrom: 'P2D',
      // ...and their transits and arrival too.
      arrivalConfirmableFrom: 'P2D',
      onwardTravel: { dueAfter: 'PT30S', reminderEvery: 'PT30S', escalateAfter: 'PT60S' },
      fitToTravelFor: ['medical-need', 'pregnancy'],
      escortFor: ['medical-need', 'unaccompanied-child'],
      familyTracingFor: ['unaccompanied-child'],
    },
    reintegration: {
      funded: true,
      currency: 'EUR',
      perAdult: 2000,
      perChild: 1000,
      plan: { dueAfter: 'PT30S', reminderEvery: 'PT30S', escalateAfter: 'PT60S' },
      voucherValidFor: 'P30D',
      monitoring: {
        offsets: ['P91D', 'P182D', 'P365D'],
        visit: { dueAfter: 'P14D', reminderEvery: 'P7D', escalateAfter: 'P28D' },
        missedAfter: 'P42D',
      },
      survey: TEST_SURVEY,
    },
    ...overrides,
  };
}

/** A request body for POST /returns: a single adult going home to Pakistan without a passport. */
export function startReturnBody(caseRef: string, overrides: Record<string, unknown> = {}) {
  return {
    caseRef,
    programmeCode: TEST_PROGRAMME,
    hostCountry: 'RO',
    destination: { country: 'PK', city: 'Lahore' },
    returnee: { givenName: 'Amina', familyName: 'Khan', dateOfBirth: '1990-04-12', nationality: 'PK' },
    targetGroup: 'rejected-asylum-seeker',
    vulnerabilities: [],
    hasValidTravelDocument: false,
    ...overrides,
  };
}

/** Signed the day it is sent (a declaration is never dated before its case was opened). */
export const SIGNED_DECLARATION = {
  get signedOn(): string {
    return new Date().toISOString().slice(0, 10);
  },
};

export const ISSUED_DOCUMENT = { documentType: 'laissez-passer', documentNumber: 'LP9876543', expiresOn: '2031-06-30' };

/** A case written straight into PostgreSQL, for activity tests that run without the API. */
export async function insertCase(dataSource: DataSource, overrides: Partial<ReturnCaseEntity> = {}): Promise<string> {
  const caseRef = newCaseRef('ACT');
  await dataSource.manager.save(
    dataSource.manager.create(ReturnCaseEntity, {
      caseRef,
      programmeCode: TEST_PROGRAMME,
      policyVersion: 1,
      hostCountry: 'RO',
      destinationCountry: 'GE',
      destinationCity: 'Tbilisi',
      hasValidTravelDocument: false,
      targetGroup: 'rejected-asylum-seeker',
      stage: null,
      workflowId: `return-${caseRef}`,
      persons: [
        { role: 'returnee', givenName: 'Giorgi', familyName: 'Beridze', dateOfBirth: '1985-02-01', nationality: 'GE' },
        { role: 'dependant', givenName: 'Nino', familyName: 'Beridze', dateOfBirth: '2012-09-15', nationality: 'GE' },
      ],
      ...overrides,
    }),
  );
  return caseRef;
}
