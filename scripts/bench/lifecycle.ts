import { randomUUID } from 'node:crypto';
import { SIGNED_DECLARATION, startReturnBody } from '../../test/support/fixtures';
import { FUNDED_PROGRAMME, SINGLE_PROGRAMME } from './stack';

export type ReturnKind = 'single' | 'family' | 'reintegration';

/** Answers other than 503 in the 5xx range, each repeated under its Idempotency-Key; the table reports them. */
export const unexpectedServerErrors: string[] = [];

/**
 * A staff member's calls to the API: every write under its own Idempotency-Key, repeated with it on 503 (after
 * Retry-After), and on another 5xx (a write is safe to repeat under its key) at most 5 times; signed in again when
 * the token has expired (401).
 */
export function staffClient(apiUrl: string, signIn: () => Promise<string>) {
  let token = signIn();
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    key?: string,
    extra: Record<string, string> = {},
  ) => {
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(`${apiUrl}${path}`, {
        method,
        headers: {
          ...extra,
          authorization: `Bearer ${await token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (response.status === 401 && !renewed) {
        renewed = true;
        token = signIn();
        continue;
      }
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
    /** A GET that must answer 200. */
    read: async (path: string) => {
      const answer = await call('GET', path);
      if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}`);
      return answer;
    },
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

interface Answer {
  status: number;
  body?: View;
  etag: string | null;
}

/**
 * Follows the case's view, as a case worker's screen would, from the view a step answered until `holds`: each read
 * asks for the next change (If-None-Match with Prefer: wait), which the API answers as soon as the case changes.
 */
async function until(
  http: StaffClient,
  caseRef: string,
  from: Answer,
  holds: (view: View) => boolean,
  timeoutMs = 120_000,
) {
  const deadline = Date.now() + timeoutMs;
  let seen = { etag: from.etag ?? '', view: from.body };
  for (;;) {
    if (seen.view && holds(seen.view)) return seen.view;
    if (Date.now() > deadline) throw new Error(`case ${caseRef} stuck at ${JSON.stringify(seen.view?.waitingFor)}`);
    const answer = await http.get(`/returns/${caseRef}`, { 'if-none-match': seen.etag, prefer: 'wait=10' });
    if (answer.status === 200) seen = { etag: answer.etag ?? '', view: answer.body };
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
  let answer = await caseWorker.write(
    '/returns',
    startReturnBody(caseRef, { programmeCode, hasValidTravelDocument: true, ...extra }),
  );
  const at = `/returns/${caseRef}`;
  const step = async (by: StaffClient, path: string, body: unknown, then: (view: View) => boolean) => {
    answer = await by.write(`${at}${path}`, body);
    await until(caseWorker, caseRef, answer, then);
  };
  await until(caseWorker, caseRef, answer, (b) => Boolean(b.waitingFor));
  await step(
    caseWorker,
    '/declaration',
    SIGNED_DECLARATION,
    (b) => b.waitingFor?.what === 'flights chosen by the case worker',
  );
  await step(
    caseWorker,
    '/flights',
    { segments: flights() },
    (b) => b.stage === 'departure' && b.waitingFor?.partner === 'airport-assistance',
  );
  await step(caseWorker, '/departure', {}, (b) => b.stage === 'transit' && Boolean(b.waitingFor));
  await step(caseWorker, '/transit', { airport: 'IST' }, (b) => b.stage === 'arrival' && Boolean(b.waitingFor));
  await step(caseWorker, '/arrival', {}, (b) => b.stage === 'onward-travel' && Boolean(b.waitingFor));
  let steps = 7;
  if (kind === 'reintegration') {
    await step(caseWorker, '/onward-travel', {}, (b) => b.stage === 'reintegration' && Boolean(b.waitingFor));
    await step(
      caseWorker,
      '/reintegration-plan',
      { items: [{ category: 'education', description: 'School fees', amount: 800 }] },
      (b) => /approval of the reintegration plan/.test(b.waitingFor?.what ?? ''),
    );
    await step(supervisor, '/reintegration-plan/approval', {}, () => true);
    steps += 2;
  } else {
    await step(caseWorker, '/onward-travel', {}, (b) => b.stage === 'monitoring' && Boolean(b.waitingFor));
  }
  const outcome = kind === 'reintegration' ? 're-migrated' : 'lost-contact';
  await step(supervisor, '/closure', { outcome }, (b) => b.workflow?.status === 'COMPLETED');
  return steps + 1;
}
