import { randomUUID } from 'node:crypto';
import { SIGNED_DECLARATION, startReturnBody } from '../../test/support/fixtures';
import { FUNDED_PROGRAMME, SINGLE_PROGRAMME } from './stack';

export type ReturnKind = 'single' | 'family' | 'reintegration';

/** Answers other than 503 in the 5xx range, each repeated under its Idempotency-Key; the table reports them. */
export const unexpectedServerErrors: string[] = [];

/**
 * A staff member's calls to the API: every write under its own Idempotency-Key, repeated with it on 503 (after
 * Retry-After), and on another 5xx (a write is safe to repeat under its key) at most 5 times.
 */
export function staffClient(apiUrl: string, token: string) {
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    key?: string,
    extra: Record<string, string> = {},
  ) => {
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(`${apiUrl}${path}`, {
        method,
        headers: {
          ...extra,
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (response.status === 503) {
        await sleep(Number(response.headers.get('retry-after') ?? 1) * 1000);
        continue;
      }
      if (response.status >= 500 && key && attempt <= 5) {
        unexpectedServerErrors.push(
          `${method} ${path.replace(/\/returns\/[^/]+/, '/returns/:ref')} ${response.status}`,
        );
        await sleep(1000);
        continue;
      }
      return { status: response.status, body: text ? JSON.parse(text) : undefined, etag: response.headers.get('etag') };
    }
  };
  return {
    get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, undefined, headers),
    write: async (path: string, body: unknown = {}, expected = [200, 201]) => {
      const answer = await call('POST', path, body, randomUUID());
      if (!expected.includes(answer.status)) {
        throw new Error(`POST ${path} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
      }
      return answer;
    },
  };
}

export type StaffClient = ReturnType<typeof staffClient>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the view as JSON, read by a few fields
type View = any;

/**
 * Follows the case's view, as a case worker's screen would, until `holds`: each read after the first asks for the
 * next change (If-None-Match with Prefer: wait), which the API answers as soon as the case changes.
 */
async function until(http: StaffClient, caseRef: string, holds: (view: View) => boolean, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  let seen: { etag: string; view: View } | undefined;
  for (;;) {
    const answer = await http.get(`/returns/${caseRef}`, seen && { 'if-none-match': seen.etag, prefer: 'wait=10' });
    if (answer.status === 200 && answer.etag) seen = { etag: answer.etag, view: answer.body };
    const view = answer.status === 304 ? seen?.view : answer.body;
    if (view && holds(view)) return view;
    if (Date.now() > deadline) throw new Error(`case ${caseRef} stuck at ${JSON.stringify(view?.waitingFor)}`);
    if (!seen) await sleep(200);
  }
}

function flights() {
  const at = (ms: number) => new Date(Date.now() + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return [
    { flight: 'RO201', from: 'OTP', to: 'IST', departsAt: at(86_400_000) },
    { flight: 'TK710', from: 'IST', to: 'LHE', departsAt: at(90_000_000) },
  ];
}

const FAMILY = {
  dependants: [
    { givenName: 'Bilal', familyName: 'Khan', dateOfBirth: '1988-01-03', nationality: 'PK' },
    { givenName: 'Sara', familyName: 'Khan', dateOfBirth: '2015-06-20', nationality: 'PK' },
  ],
};

/** One return through the API from intake to closure by a supervisor; answers the number of staff steps. */
export async function fullLifecycle(
  caseWorker: StaffClient,
  supervisor: StaffClient,
  caseRef: string,
  kind: ReturnKind = 'single',
): Promise<number> {
  const programmeCode = kind === 'reintegration' ? FUNDED_PROGRAMME : SINGLE_PROGRAMME;
  const extra = kind === 'family' ? FAMILY : {};
  await caseWorker.write(
    '/returns',
    startReturnBody(caseRef, { programmeCode, hasValidTravelDocument: true, ...extra }),
  );
  const at = `/returns/${caseRef}`;
  await until(caseWorker, caseRef, (b) => Boolean(b.waitingFor));
  await caseWorker.write(`${at}/declaration`, SIGNED_DECLARATION);
  await until(caseWorker, caseRef, (b) => b.waitingFor?.what === 'flights chosen by the case worker');
  await caseWorker.write(`${at}/flights`, { segments: flights() });
  await until(caseWorker, caseRef, (b) => b.stage === 'departure' && b.waitingFor?.partner === 'airport-assistance');
  await caseWorker.write(`${at}/departure`);
  await until(caseWorker, caseRef, (b) => b.stage === 'transit' && Boolean(b.waitingFor));
  await caseWorker.write(`${at}/transit`, { airport: 'IST' });
  await until(caseWorker, caseRef, (b) => b.stage === 'arrival' && Boolean(b.waitingFor));
  await caseWorker.write(`${at}/arrival`);
  await until(caseWorker, caseRef, (b) => b.stage === 'onward-travel' && Boolean(b.waitingFor));
  await caseWorker.write(`${at}/onward-travel`);
  let steps = 7;
  if (kind === 'reintegration') {
    await until(caseWorker, caseRef, (b) => b.stage === 'reintegration' && Boolean(b.waitingFor));
    await caseWorker.write(`${at}/reintegration-plan`, {
      items: [{ category: 'education', description: 'School fees', amount: 800 }],
    });
    await until(caseWorker, caseRef, (b) => /approval of the reintegration plan/.test(b.waitingFor?.what ?? ''));
    await supervisor.write(`${at}/reintegration-plan/approval`);
    steps += 2;
  } else {
    await until(caseWorker, caseRef, (b) => b.stage === 'monitoring' && Boolean(b.waitingFor));
  }
  await supervisor.write(`${at}/closure`, { outcome: kind === 'reintegration' ? 're-migrated' : 'lost-contact' });
  await until(caseWorker, caseRef, (b) => b.workflow?.status === 'COMPLETED');
  return steps + 1;
}
