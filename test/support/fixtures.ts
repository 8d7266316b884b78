import { TEST_PROGRAMME } from './test-env';

/** A request body for POST /returns: a single adult going home to Pakistan without a passport. */
export function startReturnBody(caseRef: string, overrides: Record<string, unknown> = {}) {
  return {
    caseRef,
    programmeCode: TEST_PROGRAMME,
    hostCountry: 'RO',
    destination: { country: 'PK', city: 'Lahore' },
    returnee: { givenName: 'Amina', familyName: 'Khan', dateOfBirth: '1990-04-12', nationality: 'PK' },
    hasValidTravelDocument: false,
    ...overrides,
  };
}

export const ISSUED_DOCUMENT = { documentType: 'laissez-passer', documentNumber: 'LP9876543', expiresOn: '2031-06-30' };
