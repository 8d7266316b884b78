import { startReturnBody, testPolicy } from './support/fixtures';
import { apiClient, newCaseRef } from './support/http';
import { StandInIdentityProvider } from './support/identity-provider';
import { startApi, startWorker, type RunningApi, type RunningWorker } from './support/running-apps';
import { signedInStaff, type SignedIn } from './support/staff';
import { TEST_PROGRAMME } from './support/test-env';

const signIn = (api: RunningApi, username: string, password: string, from: string) =>
  apiClient(api.url).call('POST', '/auth/login', { username, password }, { 'x-forwarded-for': from });

describe('identity that follows the staff directory, and sign-in that cannot be raced or used to lock anyone out', () => {
  let api: RunningApi;
  let admin: SignedIn;

  beforeAll(async () => {
    process.env.TRUST_PROXY = 'loopback'; // the tests' clients stand behind a proxy on this machine
    api = await startApi();
    admin = await signedInStaff(api.url, ['administrator']);
  });

  afterAll(async () => {
    delete process.env.TRUST_PROXY;
    await api?.close();
  });

  const change = (id: string, body: object) => apiClient(api.url, admin.token).call('PATCH', `/staff/${id}`, body);

  it("refuses a disabled user's next request, and a demoted or moved user's until they sign in again", async () => {
    const leaver = await signedInStaff(api.url, ['case-worker'], { programmes: [TEST_PROGRAMME] });
    expect((await apiClient(api.url, leaver.token).get('/returns')).status).toBe(200);
    expect((await change(leaver.id, { active: false })).status).toBe(200);
    const refused = await apiClient(api.url, leaver.token).get('/returns');
    expect([refused.status, refused.body.message]).toEqual([
      401,
      ['your access was changed or withdrawn: sign in again'],
    ]);

    const supervisor = await signedInStaff(api.url, ['supervisor']);
    expect((await apiClient(api.url, supervisor.token).post('/returns/NO-SUCH-CASE/closure', {})).status).toBe(400);
    expect((await change(supervisor.id, { roles: ['monitor'] })).status).toBe(200);
    expect((await apiClient(api.url, supervisor.token).post('/returns/NO-SUCH-CASE/closure', {})).status).toBe(401);
    const demoted = await signIn(api, supervisor.username, supervisor.password, '192.0.2.10');
    const asMonitor = await apiClient(api.url, demoted.body.accessToken).post('/returns/NO-SUCH-CASE/closure', {});
    expect(asMonitor.status).toBe(403);

    const mover = await signedInStaff(api.url, ['case-worker'], { programmes: [TEST_PROGRAMME] });
    const caseRef = newCaseRef('MOVE');
    const started = await apiClient(api.url, mover.token).post(
      '/returns',
      startReturnBody(caseRef, { destination: { country: 'SY', city: 'Homs' } }),
    );
    expect(started.status).toBe(422); // a closed case is enough to read: no worker needed
    expect((await apiClient(api.url, mover.token).get(`/returns/${caseRef}`)).status).toBe(200);
    const another = `MOVED-${Date.now().toString(36).toUpperCase()}`;
    const created = await apiClient(api.url, admin.token).post('/programmes', {
      code: another,
      name: 'The programme a case worker moves to',
      policy: testPolicy(),
    });
    expect(created.status).toBe(201);
    expect((await change(mover.id, { programmes: [another] })).status).toBe(200);
    expect((await apiClient(api.url, mover.token).get(`/returns/${caseRef}`)).status).toBe(401);
    const moved = await signIn(api, mover.username, mover.password, '192.0.2.11');
    expect((await apiClient(api.url, moved.body.accessToken).get(`/returns/${caseRef}`)).status).toBe(404);

    // A read that waits for the case to change is not answered once its reader's access is withdrawn meanwhile.
    const watcher = await signedInStaff(api.url, ['case-worker'], { programmes: [TEST_PROGRAMME] });
    const first = await fetch(`${api.url}/returns/${caseRef}`, {
      headers: { authorization: `Bearer ${watcher.token}` },
    });
    expect(first.status).toBe(200);
    const waiting = fetch(`${api.url}/returns/${caseRef}`, {
      headers: {
        authorization: `Bearer ${watcher.token}`,
        'if-none-match': first.headers.get('etag')!,
        prefer: 'wait=3',
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await change(watcher.id, { active: false })).status).toBe(200);
    const answered = await waiting;
    expect([answered.status, ((await answered.json()) as { message: string[] }).message]).toEqual([
      401,
      ['your access was changed or withdrawn: sign in again'],
    ]);

    // A change of display name is not a change of access: tokens stay valid.
    expect((await change(admin.id, { displayName: 'Chief administrator' })).status).toBe(200);
    expect((await apiClient(api.url, admin.token).get('/staff')).status).toBe(200);
  });

  it('checks at most the allowed number of 60 concurrent guesses, the right password among them', async () => {
    const target = await signedInStaff(api.url, ['case-worker']);
    const guesses = Array.from({ length: 60 }, (_, i) => (i === 59 ? target.password : `guess-${i}`));
    const answers = await Promise.all(guesses.map((g) => signIn(api, target.username, g, '203.0.113.7')));
    const statuses = answers.map((a) => a.status);
    const checked = statuses.filter((s) => s === 401 || s === 200).length;
    console.log(`60 concurrent guesses: ${checked} checked, ${statuses.filter((s) => s === 429).length} refused`);
    expect(checked).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => ![401, 200, 429].includes(s))).toEqual([]);
  });

  it('lets the administrator sign in from their own address while an attacker guesses their password', async () => {
    for (let i = 0; i < 8; i++) await signIn(api, admin.username, `wrong-${i}`, '203.0.113.66');
    const attacker = await signIn(api, admin.username, admin.password, '203.0.113.66');
    expect([attacker.status, attacker.headers.get('retry-after')]).toEqual([429, expect.stringMatching(/^\d+$/)]);

    const own = await signIn(api, admin.username, admin.password, '198.51.100.4');
    expect(own.status).toBe(200);
  });
});

describe('a staff member of the identity provider with a long id', () => {
  const idp = new StandInIdentityProvider();
  let api: RunningApi;
  let worker: RunningWorker;

  beforeAll(async () => {
    await idp.start();
    Object.assign(process.env, { AUTH_OIDC_AUDIENCE: 'avrr-api', AUTH_OIDC_ISSUER: idp.issuer });
    [api, worker] = await Promise.all([startApi(), startWorker()]);
  });

  afterAll(async () => {
    await api?.close();
    await worker?.stop();
    delete process.env.AUTH_OIDC_AUDIENCE;
    delete process.env.AUTH_OIDC_ISSUER;
    await idp.stop();
  });

  it('opens a case and records a step under an id of 120 characters', async () => {
    const key = await idp.newKey('long-id');
    idp.publish(key);
    const subject = 'x'.repeat(119 - idp.issuer.length);
    const token = await idp.token(key, { roles: ['case-worker'], programmes: '*' }, 'avrr-api', subject);
    const http = apiClient(api.url, token);
    const me = (await http.get('/auth/me')).body;
    expect(me.id).toHaveLength(120);

    const caseRef = newCaseRef('IDP');
    expect((await http.post('/returns', startReturnBody(caseRef))).status).toBe(201);
    const counselled = await http.post(`/returns/${caseRef}/counselling`, {
      heldOn: new Date().toISOString().slice(0, 10),
      topics: ['return-process'],
    });
    expect(counselled.status).toBe(200);
    expect(counselled.body.counselling).toEqual([expect.objectContaining({ counsellor: me.id })]);
    expect(counselled.body.timeline.map((e: { actor: string }) => e.actor)).toContain(me.id);
  });
});
