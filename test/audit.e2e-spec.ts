import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { startReturnBody } from './support/fixtures';
import { apiClient, newCaseRef } from './support/http';
import { startApi, type RunningApi } from './support/running-apps';
import { signedInStaff, type SignedIn } from './support/staff';
import { testStack } from './support/test-env';

describe('the audit trail', () => {
  let api: RunningApi;
  let db: PgClient;
  let admin: SignedIn;
  let caseWorker: SignedIn;
  let auditor: SignedIn;

  beforeAll(async () => {
    api = await startApi();
    db = new PgClient({ connectionString: testStack().databaseUrl });
    await db.connect();
    [admin, caseWorker, auditor] = await Promise.all([
      signedInStaff(api.url, ['administrator']),
      signedInStaff(api.url, ['case-worker']),
      signedInStaff(api.url, ['auditor']),
    ]);
  });

  afterAll(async () => {
    await db?.end();
    await api?.close();
  });

  const rowsOf = async (requestId: string) =>
    (
      await db.query('SELECT actor, action, case_ref, status, address FROM audit_log WHERE request_id = $1', [
        requestId,
      ])
    ).rows;

  it('cannot be changed or emptied, not even by the database superuser', async () => {
    await db.query(
      `INSERT INTO audit_log (actor, action, status, address, request_id) VALUES ('x', 'TEST', 200, '::1', $1)`,
      [randomUUID()],
    );
    await expect(db.query(`UPDATE audit_log SET actor = 'someone else'`)).rejects.toThrow(
      'audit_log is append-only: UPDATE is not allowed',
    );
    await expect(db.query('DELETE FROM audit_log')).rejects.toThrow('audit_log is append-only: DELETE is not allowed');
    await expect(db.query('TRUNCATE audit_log')).rejects.toThrow('audit_log is append-only: TRUNCATE is not allowed');
  });

  it('keeps exactly one row for each write, naming who, what, which case, the outcome and the request', async () => {
    const caseRef = newCaseRef('AUDIT');
    const staffId = (await apiClient(api.url, admin.token).get('/staff')).body[0].id as string;
    const writes: {
      route: string;
      as: SignedIn | null;
      path: string;
      body: unknown;
      status: number;
      caseRef?: string;
    }[] = [
      {
        route: 'POST /auth/login',
        as: null,
        path: '/auth/login',
        body: { username: caseWorker.username, password: caseWorker.password },
        status: 200,
      },
      {
        route: 'POST /returns',
        as: caseWorker,
        path: '/returns',
        body: startReturnBody(caseRef, { hasValidTravelDocument: true }),
        status: 201,
        caseRef,
      },
      {
        route: 'POST /returns/:caseRef/travel-document',
        as: caseWorker,
        path: `/returns/${caseRef}/travel-document`,
        body: { documentType: 'passport' },
        status: 400,
        caseRef,
      },
      {
        route: 'POST /staff',
        as: admin,
        path: '/staff',
        body: { username: `audited-${process.pid}`, displayName: 'Audited', roles: ['monitor'], programmes: null },
        status: 201,
      },
      {
        route: 'PATCH /staff/:id',
        as: admin,
        path: `/staff/${staffId}`,
        body: { displayName: 'Renamed' },
        status: 200,
      },
    ];
    for (const write of writes) {
      const requestId = `audit-${randomUUID()}`;
      const answer = await apiClient(api.url, write.as?.token).call(write.route.split(' ')[0], write.path, write.body, {
        'x-request-id': requestId,
      });
      expect([write.route, answer.status]).toEqual([write.route, write.status]);
      expect(answer.headers.get('x-request-id')).toBe(requestId);
      expect(await rowsOf(requestId)).toEqual([
        {
          actor: (write.as ?? caseWorker).id,
          action: write.route,
          case_ref: write.caseRef ?? null,
          status: write.status,
          address: expect.stringMatching(/127\.0\.0\.1/),
        },
      ]);
    }
  });

  it("keeps a row for each read of a case's personal data, none for other reads, and names a failed sign-in as anonymous", async () => {
    const read = `audit-${randomUUID()}`;
    await apiClient(api.url, caseWorker.token).call('GET', '/auth/me', undefined, { 'x-request-id': read });
    expect(await rowsOf(read)).toEqual([]);

    // Who saw a returnee's data is kept, as who changed it is (docs/domain.md): the case view, not an unchanged one.
    const caseRef = newCaseRef('AUDITREAD');
    const http = apiClient(api.url, caseWorker.token);
    expect((await http.post('/returns', startReturnBody(caseRef, { hasValidTravelDocument: true }))).status).toBe(201);
    const seen = `audit-${randomUUID()}`;
    const shown = await apiClient(api.url, auditor.token).call('GET', `/returns/${caseRef}`, undefined, {
      'x-request-id': seen,
    });
    expect(shown.status).toBe(200);
    expect(await rowsOf(seen)).toEqual([
      expect.objectContaining({ actor: auditor.id, action: 'GET /returns/:caseRef', case_ref: caseRef, status: 200 }),
    ]);
    // Read again at once (a page that polls): who saw it is already kept.
    const polled = `audit-${randomUUID()}`;
    const again200 = await apiClient(api.url, auditor.token).call('GET', `/returns/${caseRef}`, undefined, {
      'x-request-id': polled,
    });
    expect([again200.status, await rowsOf(polled)]).toEqual([200, []]);
    const unchanged = `audit-${randomUUID()}`;
    const again = await apiClient(api.url, auditor.token).call('GET', `/returns/${caseRef}`, undefined, {
      'x-request-id': unchanged,
      'if-none-match': shown.headers.get('etag')!,
    });
    expect(again.status).toBe(304);
    expect(await rowsOf(unchanged)).toEqual([]);

    const failed = `audit-${randomUUID()}`;
    await apiClient(api.url).call(
      'POST',
      '/auth/login',
      { username: 'nobody', password: 'wrong-password' },
      {
        'x-request-id': failed,
      },
    );
    expect(await rowsOf(failed)).toEqual([expect.objectContaining({ actor: 'anonymous', status: 401 })]);
  });

  it('says what a write outside a case acted on, and finds an entry at the time it shows', async () => {
    const as = apiClient(api.url, admin.token);
    const partner = {
      kind: 'consulate',
      place: 'LS',
      name: 'Consulate of Lesotho',
      email: 'consulate.ls@partners.test',
    };
    const added = await as.post('/partners', partner);
    expect((await as.post('/partners', { ...partner, email: 'new.ls@partners.test' })).status).toBe(201);
    expect((await as.call('DELETE', `/partners/${added.body.id}`)).status).toBe(204);
    const member = await signedInStaff(api.url, ['monitor']);
    expect((await as.call('PATCH', `/staff/${member.id}`, { roles: ['monitor', 'case-worker'] })).status).toBe(200);

    const entries = (await apiClient(api.url, auditor.token).get(`/audit?actor=${admin.id}&limit=1000`)).body as {
      action: string;
      target: string | null;
      occurredAt: string;
    }[];
    const targets = (action: string) => entries.filter((e) => e.action === action).map((e) => e.target);
    expect(targets('POST /partners')).toEqual(
      expect.arrayContaining([
        'partner consulate LS (replaced consulate.ls@partners.test)',
        'partner consulate LS (added)',
      ]),
    );
    expect(targets('DELETE /partners/:id')).toContain('partner consulate LS (removed new.ls@partners.test)');
    expect(targets('PATCH /staff/:id')).toContain(`id=${member.id}`);

    // The time shown is the time kept: asked from and to it, the entry is there.
    const { occurredAt } = entries.find((e) => e.action === 'DELETE /partners/:id')!;
    const at = await apiClient(api.url, auditor.token).get(
      `/audit?actor=${admin.id}&from=${occurredAt}&to=${occurredAt}`,
    );
    expect(at.body.map((e: { action: string }) => e.action)).toContain('DELETE /partners/:id');
  });

  it('is read by auditors, filtered by case and by staff member', async () => {
    const caseRef = newCaseRef('AUDITQ');
    await apiClient(api.url, caseWorker.token).post(
      '/returns',
      startReturnBody(caseRef, { hasValidTravelDocument: true }),
    );

    const byCase = await apiClient(api.url, auditor.token).get(`/audit?caseRef=${caseRef}`);
    expect(byCase.status).toBe(200);
    expect(byCase.body).toEqual([
      expect.objectContaining({ caseRef, actor: caseWorker.id, action: 'POST /returns', status: 201 }),
    ]);

    const byActor = await apiClient(api.url, auditor.token).get(`/audit?actor=${caseWorker.id}&limit=1000`);
    expect(byActor.body.length).toBeGreaterThan(0);
    expect(byActor.body.every((row: { actor: string }) => row.actor === caseWorker.id)).toBe(true);

    const future = await apiClient(api.url, auditor.token).get(`/audit?caseRef=${caseRef}&from=2999-01-01T00:00:00Z`);
    expect(future.body).toEqual([]);
    expect((await apiClient(api.url, auditor.token).get('/audit?from=yesterday')).status).toBe(400);
    const notARef = await apiClient(api.url, auditor.token).get(`/audit?caseRef=${encodeURIComponent("' or 1=1")}`);
    expect([notARef.status, notARef.body.message]).toEqual([
      400,
      ['caseRef must be 3 to 40 upper-case letters, digits or dashes'],
    ]);
  });
});
