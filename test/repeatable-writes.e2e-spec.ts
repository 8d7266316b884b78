import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { startReturnBody, testPolicy } from './support/fixtures';
import { apiClient, newCaseRef } from './support/http';
import { startApi, startWorker, type RunningApi, type RunningWorker } from './support/running-apps';
import { signedInStaff } from './support/staff';
import { testStack } from './support/test-env';

/**
 * Writes outside a case's steps (programmes, staff, partners, imports, opening a case) repeated by a client under
 * one Idempotency-Key: one effect, the same answer; the key with another request is refused, naming the header.
 */
describe('administrative writes repeated under one Idempotency-Key', () => {
  let api: RunningApi;
  let worker: RunningWorker;
  let admin: ReturnType<typeof apiClient>;
  let adminId: string;
  let caseWorker: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    [api, worker] = await Promise.all([startApi(), startWorker()]);
    const administrator = await signedInStaff(api.url, ['administrator']);
    admin = apiClient(api.url, administrator.token);
    adminId = administrator.id;
    caseWorker = apiClient(api.url, (await signedInStaff(api.url, ['case-worker'])).token);
  });

  afterAll(async () => {
    await api?.close();
    await worker?.stop();
  });

  const key = () => ({ 'idempotency-key': `repeat-${randomUUID()}` });
  // As sent: the same keys in the same order.
  const answerOf = ({ status, body }: { status: number; body: unknown }) => ({ status, body: JSON.stringify(body) });

  it('publishes one policy version for a revision sent three times at once and once more, each answered alike', async () => {
    const code = `R-${randomBytes(4).toString('hex').toUpperCase()}`;
    expect((await admin.post('/programmes', { code, name: `Programme ${code}`, policy: testPolicy() })).status).toBe(
      201,
    );
    const once = key();
    const revision = { policy: testPolicy({ closedDestinations: ['SY', 'YE'] }) };
    const revise = () => admin.call('POST', `/programmes/${code}/revisions`, revision, once);
    const racing = await Promise.all([revise(), revise(), revise()]);
    // The first is answered; one still being answered meanwhile is told to send it again shortly.
    for (const answer of racing.filter((a) => a.status === 409)) {
      expect([answer.headers.get('retry-after'), answer.body.message]).toEqual([
        '2',
        [`the first request under Idempotency-Key ${once['idempotency-key']} is still being answered`],
      ]);
    }
    const first = racing.find((a) => a.status === 201)!;
    expect(first.body).toMatchObject({ code, version: 2 });
    expect(answerOf(await revise())).toEqual(answerOf(first));
    expect((await admin.get(`/programmes/${code}`)).body.versions.map((v: { version: number }) => v.version)).toEqual([
      1, 2,
    ]);

    const other = await admin.call('POST', `/programmes/${code}/revisions`, { policy: testPolicy() }, once);
    expect([other.status, other.body.message]).toEqual([
      409,
      [`Idempotency-Key ${once['idempotency-key']} was used for another request`],
    ]);
    expect((await admin.get(`/programmes/${code}`)).body.currentVersion).toBe(2);
  });

  it('adds a staff user once and answers the repeat as the first time, not as a username taken', async () => {
    const once = key();
    const username = `repeat-${randomBytes(4).toString('hex')}`;
    const user = { username, displayName: 'Repeat Test', roles: ['monitor'], programmes: null };
    const first = await admin.call('POST', '/staff', user, once);
    expect(first.status).toBe(201);
    expect(answerOf(await admin.call('POST', '/staff', user, once))).toEqual(answerOf(first));
    const another = await admin.call('POST', '/staff', { ...user, username: `${username}-2` }, once);
    expect(another.status).toBe(409);
    const staff = (await admin.get('/staff')).body as { username: string }[];
    expect(staff.filter((member) => member.username.startsWith(username)).map((m) => m.username)).toEqual([username]);

    // The same user added by requests of their own at the same time: one is added, the others told it is taken.
    const racing = { ...user, username: `${username}-r` };
    const answers = await Promise.all([1, 2, 3, 4].map(() => admin.post('/staff', racing)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 400, 400, 400]);
    for (const refused of answers.filter((a) => a.status === 400)) {
      expect(refused.body.message).toEqual([`username is taken: "${racing.username}"`]);
    }
  });

  it('opens one case for one key: the key with another case is refused and opens nothing', async () => {
    const once = key();
    const caseRef = newCaseRef('REPEAT');
    const first = await caseWorker.call('POST', '/returns', startReturnBody(caseRef), once);
    expect(first.status).toBe(201);
    const again = await caseWorker.call('POST', '/returns', startReturnBody(caseRef), once);
    expect([again.status, again.body.caseRef]).toEqual([201, caseRef]);

    const otherRef = newCaseRef('REPEAT');
    const other = await caseWorker.call('POST', '/returns', startReturnBody(otherRef), once);
    expect([other.status, other.body.message]).toEqual([
      409,
      [`Idempotency-Key ${once['idempotency-key']} was used for another request`],
    ]);
    expect((await caseWorker.get(`/returns/${otherRef}`)).status).toBe(404);
    // Another user's request under the same key is another request too.
    expect((await admin.call('POST', '/staff', { username: 'x' }, once)).status).toBe(409);
  });

  it('answers a partner removed twice alike, and refuses a key that is not printable ASCII, naming the header', async () => {
    const partner = { kind: 'mission', place: 'TV', name: 'Repeat mission', email: 'mission.repeat@partners.test' };
    const saved = await admin.post('/partners', partner);
    expect(saved.status).toBe(201);
    const once = key();
    const removed = await admin.call('DELETE', `/partners/${saved.body.id}`, undefined, once);
    expect(removed.status).toBe(204);
    expect((await admin.call('DELETE', `/partners/${saved.body.id}`, undefined, once)).status).toBe(204);
    expect((await admin.call('DELETE', `/partners/${saved.body.id}`, undefined, key())).status).toBe(404);

    const bad = await admin.call('POST', '/partners', partner, { 'idempotency-key': 'two words' });
    expect([bad.status, bad.body.message]).toEqual([
      400,
      ['Idempotency-Key must be 1 to 200 printable ASCII characters without spaces'],
    ]);
    const posing = await admin.call('POST', '/partners', partner, { 'idempotency-key': 'derived-x1' });
    expect([posing.status, posing.body.message]).toEqual([
      400,
      ['Idempotency-Key must not start with derived-, which the API keeps for its own'],
    ]);
  });

  it('takes over a first request that never answered (its process died), and keeps no plain hash of a password', async () => {
    const db = new PgClient({ connectionString: testStack().databaseUrl });
    await db.connect();
    try {
      const once = key();
      const partner = { kind: 'mission', place: 'TV', name: 'Repeat mission', email: 'mission.repeat@partners.test' };
      expect((await admin.call('POST', '/partners', partner, once)).status).toBe(201);
      // As the API leaves it when it dies between taking the key and answering.
      const abandon = (age: string) =>
        db.query(
          `UPDATE repeatable_writes SET status = NULL, answer = NULL, created_at = now() - $2::interval
           WHERE idempotency_key = $1`,
          [once['idempotency-key'], age],
        );
      await abandon('1 second');
      expect((await admin.call('POST', '/partners', partner, once)).status).toBe(409);
      // Told to come back after as long again as the first has taken, and no later than it is taken over.
      await abandon('40 seconds');
      const waited = await admin.call('POST', '/partners', partner, once);
      expect([waited.status, waited.headers.get('retry-after')]).toEqual([409, '40']);
      await abandon('100 seconds');
      expect((await admin.call('POST', '/partners', partner, once)).headers.get('retry-after')).toBe('20');
      await abandon('3 minutes');
      expect((await admin.call('POST', '/partners', partner, once)).status).toBe(201);

      const secret = `Repeat-${randomUUID()}`;
      const member = { username: `repeat-${randomBytes(4).toString('hex')}`, displayName: 'R', roles: ['monitor'] };
      const staffKey = key();
      const body = { ...member, programmes: null, password: secret };
      expect((await admin.call('POST', '/staff', body, staffKey)).status).toBe(201);
      const { rows } = await db.query('SELECT fingerprint FROM repeatable_writes WHERE idempotency_key = $1', [
        staffKey['idempotency-key'],
      ]);
      const plain = createHash('sha256')
        .update(JSON.stringify([adminId, 'POST', '/staff', JSON.stringify(body)]))
        .digest('hex');
      expect(rows[0].fingerprint).not.toBe(plain);
    } finally {
      await db.end();
    }
  });
});
