import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { apiClient } from './support/http';
import { startApi, type RunningApi } from './support/running-apps';
import { signedInStaff } from './support/staff';
import { testStack } from './support/test-env';

type Role = 'administrator' | 'case-worker' | 'supervisor' | 'finance-officer' | 'monitor' | 'auditor';
const ALL: Role[] = ['administrator', 'case-worker', 'supervisor', 'finance-officer', 'monitor', 'auditor'];

/**
 * Who may call what: the one table this test holds the running API to. Every route the API serves must be in
 * it, so a new route cannot ship without its roles being decided here.
 */
const MATRIX: Record<string, Role[] | 'public'> = {
  'GET /health': 'public',
  'GET /metrics': 'public',
  'GET /openapi.json': 'public',
  'GET /docs': 'public',
  'POST /auth/login': 'public',
  'GET /auth/sign-in-options': 'public',
  'GET /auth/me': ALL,
  'GET /staff': ['administrator', 'auditor'],
  'GET /staff/:id': ['administrator', 'auditor'],
  'POST /staff': ['administrator'],
  'PATCH /staff/:id': ['administrator'],
  'GET /audit': ['administrator', 'auditor'],
  'GET /programmes': ALL,
  'GET /programmes/:code': ALL,
  'GET /programmes/:code/versions/:version': ALL,
  'POST /programmes': ['administrator'],
  'POST /programmes/:code/revisions': ['administrator'],
  'GET /partners': ALL,
  'POST /partners': ['administrator'],
  'DELETE /partners/:id': ['administrator'],
  'GET /returns': ['case-worker', 'supervisor', 'finance-officer', 'monitor', 'auditor'],
  'POST /returns': ['case-worker', 'supervisor'],
  'GET /returns/:caseRef': ['case-worker', 'supervisor', 'finance-officer', 'monitor', 'auditor'],
  'POST /returns/:caseRef/travel-document': ['case-worker', 'supervisor'],
  'POST /returns/:caseRef/counselling': ['case-worker', 'supervisor'],
  'POST /returns/:caseRef/declaration': ['case-worker', 'supervisor'],
  'POST /returns/:caseRef/withdrawal': ['case-worker', 'supervisor'],
  'POST /returns/:caseRef/unstick': ['supervisor'],
  'POST /returns/:caseRef/fit-to-travel': ['case-worker', 'supervisor'],
  'POST /returns/:caseRef/family-tracing': ['case-worker', 'supervisor'],
  'POST /returns/:caseRef/flights': ['case-worker', 'supervisor'],
  'POST /returns/:caseRef/itinerary': ['case-worker', 'supervisor'],
  'POST /returns/:caseRef/accommodation': ['case-worker', 'supervisor'],
  'POST /returns/:caseRef/rebooking': ['case-worker', 'supervisor'],
  'POST /returns/:caseRef/departure': ['case-worker', 'supervisor'],
  'POST /returns/:caseRef/transit': ['case-worker', 'supervisor'],
  'POST /returns/:caseRef/arrival': ['case-worker', 'supervisor'],
  'POST /returns/:caseRef/onward-travel': ['case-worker', 'supervisor'],
  'POST /returns/:caseRef/reintegration-plan': ['case-worker', 'supervisor'],
  'POST /returns/:caseRef/reintegration-plan/approval': ['supervisor'],
  'POST /returns/:caseRef/disbursements': ['case-worker', 'supervisor'],
  'POST /returns/:caseRef/disbursements/:tranche/approval': ['finance-officer'],
  'POST /returns/:caseRef/disbursements/:tranche/cancellation': ['finance-officer', 'case-worker', 'supervisor'],
  'POST /returns/:caseRef/disbursements/:tranche/handover': ['case-worker', 'supervisor'],
  'POST /returns/:caseRef/disbursements/:tranche/voucher-check': ['finance-officer'],
  'POST /returns/:caseRef/monitoring-visits': ['monitor', 'case-worker', 'supervisor'],
  'POST /returns/:caseRef/closure': ['supervisor'],
  'GET /reports/summary': ['administrator', 'supervisor', 'auditor'],
  'GET /reports/summary.csv': ['administrator', 'supervisor', 'auditor'],
  'GET /reports/cases.csv': ['supervisor', 'auditor'],
  'GET /reports/imports/template.csv': ['administrator', 'supervisor'],
  'POST /reports/imports': ['administrator', 'supervisor'],
};

/** Swagger UI's own files, served beside /docs; and middleware mounted on every path (the request log). */
const DOCUMENTATION_ASSETS = /^GET \/docs(\/|-yaml)|^[A-Z-]+ \/\{\*path\}$/;

describe('who may do what', () => {
  let api: RunningApi;
  const tokens = new Map<Role, string>();
  let expired: string;
  let wrongKey: string;

  beforeAll(async () => {
    api = await startApi();
    for (const role of ALL) tokens.set(role, (await signedInStaff(api.url, [role])).token);
    const claims = { roles: ALL, programmes: null };
    const sign = (secret: string, expiresAt: number) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(randomUUID())
        .setIssuer('avrr-returns')
        .setAudience('avrr-returns-api')
        .setIssuedAt(expiresAt - 900)
        .setExpirationTime(expiresAt)
        .sign(new TextEncoder().encode(secret));
    const now = Math.floor(Date.now() / 1000);
    expired = await sign(testStack().jwtSecret, now - 60);
    wrongKey = await sign('another-secret-that-is-at-least-32-characters', now + 600);
  });

  afterAll(() => api?.close());

  it('has decided the roles of every route the API serves, and of no route it does not serve', () => {
    const stack = api.app.getHttpAdapter().getInstance().router.stack as {
      route?: { path: string; methods: Record<string, boolean> };
    }[];
    const served = stack
      .flatMap((layer) =>
        layer.route ? Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path}`) : [],
      )
      .filter((route) => !DOCUMENTATION_ASSETS.test(route));
    expect([...new Set(served)].sort()).toEqual(Object.keys(MATRIX).sort());
  });

  const routes = Object.entries(MATRIX);
  const request = (route: string, token?: string) => {
    const [method, path] = route.split(' ');
    const concrete = path
      .replace(':caseRef', 'NO-SUCH-CASE')
      .replace(':code', 'NO-SUCH-PROGRAMME')
      .replace(':version', '1')
      .replace(':tranche', '1')
      .replace(':id', randomUUID());
    return apiClient(api.url, token).call(method, concrete, method === 'GET' ? undefined : {});
  };

  describe.each(routes)('%s', (route, allowed) => {
    if (allowed === 'public') {
      it('answers without a token', async () => {
        expect([401, 403]).not.toContain((await request(route)).status);
      });
      return;
    }

    it.each(ALL)('as %s', async (role) => {
      const { status, body } = await request(route, tokens.get(role));
      if (allowed.includes(role)) expect([401, 403]).not.toContain(status);
      else {
        expect(status).toBe(403);
        expect(body.message).toEqual([expect.stringMatching(/^this needs one of the roles: /)]);
        expect(body.message[0].replace('this needs one of the roles: ', '').split(', ').sort()).toEqual(
          [...allowed].sort(),
        );
      }
    });

    it('refuses no token, an expired token and one signed with another key with 401', async () => {
      for (const token of [undefined, expired, wrongKey, 'not-a-jwt']) {
        expect((await request(route, token)).status).toBe(401);
      }
    });
  });
});
