import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type ReturnView = Schemas['ReturnView'];
export type Me = Schemas['PrincipalView'];
export type Role = Me['roles'][number];
/** The roles that read cases (the API's CASE_READERS): an administrator alone does not. */
export const CASE_READERS: Role[] = ['case-worker', 'supervisor', 'finance-officer', 'monitor', 'auditor'];
/** The API's REPORT_READERS (figures and their CSV), who reads the case list, and HISTORY_IMPORTERS. */
export const REPORT_READERS: Role[] = ['administrator', 'supervisor', 'auditor'];
export const CASE_LIST_READERS: Role[] = ['supervisor', 'auditor'];
export const HISTORY_IMPORTERS: Role[] = ['administrator', 'supervisor'];

/** The API's refusals: `message` lists what is wrong, each naming its field first ("documentNumber must be ..."). */
export interface ApiRefusal {
  status: number;
  messages: string[];
}

/** The typed client of the API (generated types, see scripts/console-api.ts), carrying the session's token. */
export function createApi(token: () => string | null, onExpired: () => void) {
  const client = createClient<paths>({ baseUrl: window.location.origin });
  client.use({
    onRequest({ request }) {
      const current = token();
      if (current) request.headers.set('authorization', `Bearer ${current}`);
      return request;
    },
    onResponse({ request, response }) {
      // The token expired, or the staff record changed (roles, grant, disabled): the session ends.
      if (response.status === 401 && request.headers.has('authorization')) onExpired();
      return response;
    },
  });
  return client;
}

export type Api = ReturnType<typeof createApi>;

export function refusalOf(status: number, body: unknown): ApiRefusal {
  const message = (body as { message?: unknown } | undefined)?.message;
  const messages = Array.isArray(message) ? message.map(String) : message ? [String(message)] : [];
  return { status, messages };
}

/** Steps the return's paths take: `/returns/{caseRef}/<step>`. */
export type StepPath = Extract<keyof paths, `/returns/{caseRef}/${string}`>;

/** The JSON body a step's path takes, as the API declares it (undefined for steps without one). */
export type StepBody<P extends StepPath> = paths[P] extends {
  post: { requestBody: { content: { 'application/json': infer B } } };
}
  ? B
  : undefined;

/**
 * Records a step as a careful client does: under one Idempotency-Key, sent again under the same key while the API
 * answers 503 (the step is kept and decided once the workflow can), so it is recorded once.
 */
export async function postStep(
  token: string,
  path: string,
  body: unknown,
  attempts = 5,
): Promise<{ ok: true; view: ReturnView } | { ok: false; refusal: ApiRefusal }> {
  const key = crypto.randomUUID();
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(path, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'idempotency-key': `console-${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const parsed: unknown = await response.json().catch(() => undefined);
    if (response.ok) return { ok: true, view: parsed as ReturnView };
    if (response.status !== 503 || attempt === attempts)
      return { ok: false, refusal: refusalOf(response.status, parsed) };
    await new Promise((resolve) => setTimeout(resolve, 1000 * Number(response.headers.get('retry-after') ?? 1)));
  }
}
