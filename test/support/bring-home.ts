import { startDeclaredReturn } from './declared-return';
import { eventually } from './eventually';
import { startReturnBody } from './fixtures';
import type { apiClient } from './http';

type Http = ReturnType<typeof apiClient>;

/** Tomorrow's flights from Bucharest through Istanbul to `airport`. */
export function flightsTo(airport: string) {
  const at = (ms: number) => new Date(Date.now() + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return [
    { flight: 'RO201', from: 'OTP', to: 'IST', departsAt: at(86_400_000) },
    { flight: 'TK710', from: 'IST', to: airport, departsAt: at(90_000_000) },
  ];
}

/** Waits until the case, read through the API, satisfies `holds`; answers its view. */
export function caseWhere(http: Http, caseRef: string, holds: (view: any) => boolean, timeoutMs = 20_000) {
  return eventually(
    async () => {
      const { body } = await http.get(`/returns/${caseRef}`);
      return holds(body) ? body : undefined;
    },
    { timeoutMs, what: `case ${caseRef} to reach the expected state` },
  );
}

/**
 * Takes a declared return with a valid passport through its journey, every partner confirming at once, to its
 * final destination; answers the case's view once the return continued into reintegration or monitoring.
 */
export async function bringHome(http: Http, caseRef: string, overrides: Record<string, unknown> = {}, airport = 'LHE') {
  await startDeclaredReturn(http, startReturnBody(caseRef, { hasValidTravelDocument: true, ...overrides }));
  const step = async (name: string, body: unknown = {}) =>
    expect((await http.post(`/returns/${caseRef}/${name}`, body)).status).toBe(200);
  await caseWhere(http, caseRef, (b) => b.waitingFor?.what === 'flights chosen by the case worker');
  await step('flights', { segments: flightsTo(airport) });
  await caseWhere(http, caseRef, (b) => b.stage === 'departure' && b.waitingFor?.partner === 'airport-assistance');
  await step('departure');
  await caseWhere(http, caseRef, (b) => b.stage === 'transit' && Boolean(b.waitingFor));
  await step('transit', { airport: 'IST' });
  await caseWhere(http, caseRef, (b) => b.stage === 'arrival' && Boolean(b.waitingFor));
  await step('arrival');
  await caseWhere(http, caseRef, (b) => b.stage === 'onward-travel' && Boolean(b.waitingFor));
  await step('onward-travel');
  return caseWhere(http, caseRef, (b) => ['reintegration', 'monitoring'].includes(b.stage) && Boolean(b.waitingFor));
}
