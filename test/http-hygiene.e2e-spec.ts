import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { apiClient } from './support/http';
import { startApi, type RunningApi } from './support/running-apps';
import { signedInStaff } from './support/staff';
import { testStack } from './support/test-env';

describe('HTTP hygiene', () => {
  describe('with the default settings', () => {
    let api: RunningApi;
    beforeAll(async () => {
      api = await startApi();
    });
    afterAll(() => api?.close());

    it('sends security headers, no X-Powered-By, and no-store on answers with personal data', async () => {
      const caseWorker = await signedInStaff(api.url, ['case-worker']);
      const { headers } = await apiClient(api.url, caseWorker.token).get('/returns');
      expect(headers.get('x-powered-by')).toBeNull();
      expect(headers.get('cache-control')).toBe('no-store');
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect((await fetch(`${api.url}/openapi.json`)).headers.get('cache-control')).not.toBe('no-store');
      expect((await fetch(`${api.url}/docs`)).status).toBe(200);
    });

    it('answers every refusal in one shape: statusCode, error, and message as a list', async () => {
      const caseWorker = apiClient(api.url, (await signedInStaff(api.url, ['case-worker'])).token);
      const refusals = [
        await apiClient(api.url).get('/returns'), // not signed in
        await caseWorker.post('/programmes', {}), // not the role
        await caseWorker.post('/returns', { caseRef: 'bad ref' }), // a field's rule
        await caseWorker.get('/returns/NO-SUCH-0001'), // the domain's own
        await caseWorker.get('/no-such-route'),
      ];
      expect(refusals.map((r) => r.status)).toEqual([401, 403, 400, 404, 404]);
      for (const { status, body } of refusals) {
        expect(Object.keys(body)).toEqual(['statusCode', 'error', 'message']);
        expect(body).toEqual({
          statusCode: status,
          error: expect.any(String),
          message: expect.arrayContaining([expect.any(String)]),
        });
      }
    });

    it("refuses a body over its limit with 413 naming the limit, a JSON body's and a history file's", async () => {
      const caseWorker = apiClient(api.url, (await signedInStaff(api.url, ['case-worker'])).token);
      const json = await caseWorker.post('/returns', { caseRef: 'x'.repeat(150 * 1024) });
      expect([json.status, json.body.message]).toEqual([413, ['body is larger than 100kb']]);
      const csv = await caseWorker.call('POST', '/reports/imports?programme=ANY', 'a'.repeat(51 * 1024 * 1024), {
        'content-type': 'text/csv',
      });
      expect([csv.status, csv.body.message]).toEqual([413, ['body is larger than 50mb']]);
    });

    it('takes the address from the connection, not from a header anyone can send', async () => {
      const requestId = `hygiene-${randomUUID()}`;
      await apiClient(api.url).call(
        'POST',
        '/auth/login',
        { username: 'nobody', password: 'wrong-password' },
        { 'x-forwarded-for': '203.0.113.99', 'x-request-id': requestId },
      );
      expect(await addressOf(requestId)).toMatch(/127\.0\.0\.1/);
    });
  });

  describe('behind a trusted proxy, with a low rate limit', () => {
    let api: RunningApi;
    beforeAll(async () => {
      Object.assign(process.env, { TRUST_PROXY: 'loopback', RATE_LIMIT_PER_MINUTE: '5' });
      api = await startApi();
    });
    afterAll(async () => {
      delete process.env.TRUST_PROXY;
      process.env.RATE_LIMIT_PER_MINUTE = '1000000';
      await api?.close();
    });

    it("records the client's address the proxy gives, and slows down a client past the limit", async () => {
      const requestId = `hygiene-${randomUUID()}`;
      const first = await apiClient(api.url).call('GET', '/health', undefined, {
        'x-forwarded-for': '198.51.100.23',
        'x-request-id': requestId,
      });
      expect(first.status).not.toBe(429);
      await apiClient(api.url).call(
        'POST',
        '/auth/login',
        { username: 'nobody', password: 'wrong-password' },
        { 'x-forwarded-for': '198.51.100.23', 'x-request-id': requestId },
      );
      expect(await addressOf(requestId)).toBe('198.51.100.23');

      const from = (address: string) =>
        apiClient(api.url).call('GET', '/health', undefined, { 'x-forwarded-for': address });
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await from('198.51.100.24')).status);
      expect(statuses.slice(0, 5)).not.toContain(429);
      const limited = await from('198.51.100.24');
      expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, expect.stringMatching(/^\d+$/)]);
      expect(limited.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: [expect.any(String)] });
      expect((await from('198.51.100.25')).status).not.toBe(429); // another client is not slowed down by it
    });
  });
});

async function addressOf(requestId: string): Promise<string | undefined> {
  const db = new PgClient({ connectionString: testStack().databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query('SELECT address FROM audit_log WHERE request_id = $1', [requestId]);
    return rows[0]?.address as string | undefined;
  } finally {
    await db.end();
  }
}
