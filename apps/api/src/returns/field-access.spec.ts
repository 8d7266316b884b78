import { maskedFor } from './field-access';
import type { ReturnView } from './return-view';

/** What a case waits for while its checks are missing (the workflow's showArrangements). */
const waitingForChecks = (what: string) =>
  ({
    travelChecks: [],
    escort: null,
    timeline: [],
    reintegration: { disbursements: [] },
    travelDocument: null,
    waitingFor: { what, since: '2026-11-24T10:00:00.000Z', remindersSent: 0 },
  }) as unknown as ReturnView;

describe('what a case waits for, as each role reads it', () => {
  it.each([
    'fit-to-travel to be recorded before booking',
    'family-tracing to be recorded before booking',
    'fit-to-travel and family-tracing to be recorded before booking',
  ])('names no travel check to a monitor: %s', (what) => {
    const monitor = { id: 'm', roles: ['monitor' as const], programmes: null };
    const caseWorker = { id: 'c', roles: ['case-worker' as const], programmes: null };
    expect(maskedFor(monitor, waitingForChecks(what)).waitingFor?.what).toBe(
      'travel checks (restricted) to be recorded before booking',
    );
    expect(maskedFor(caseWorker, waitingForChecks(what)).waitingFor?.what).toBe(what);
  });

  it('keeps a wait that names no check', () => {
    const auditor = { id: 'a', roles: ['auditor' as const], programmes: null };
    const what = 'flights chosen by the case worker';
    expect(maskedFor(auditor, waitingForChecks(what)).waitingFor?.what).toBe(what);
  });
});
