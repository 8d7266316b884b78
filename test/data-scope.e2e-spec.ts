import { startReturnBody, testPolicy } from './support/fixtures';
import { apiClient, newCaseRef } from './support/http';
import { startApi, type RunningApi } from './support/running-apps';
import { TEST_PROGRAMME } from './support/test-env';
import { signedInStaff } from './support/staff';

/** What a grant for one programme lets a user read of another programme's cases: nothing, not even that they exist. */
describe('data scope', () => {
  const other = `SCOPE-${process.pid}`;
  let api: RunningApi;
  let theirs: string;
  let mine: string;
  let outsider: ReturnType<typeof apiClient>;
  let outsideAuditor: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    api = await startApi();
    const admin = apiClient(api.url, (await signedInStaff(api.url, ['administrator'])).token);
    expect(
      (await admin.post('/programmes', { code: other, name: 'Another programme', policy: testPolicy() })).status,
    ).toBe(201);
    const everywhere = apiClient(api.url, (await signedInStaff(api.url, ['case-worker'])).token);
    // Cases refused at intake are enough to read and audit, and need no worker.
    [theirs, mine] = [newCaseRef('THEIRS'), newCaseRef('MINE')];
    const closed = { destination: { country: 'SY', city: 'Homs' } };
    expect((await everywhere.post('/returns', startReturnBody(theirs, closed))).status).toBe(422);
    expect((await everywhere.post('/returns', startReturnBody(mine, { ...closed, programmeCode: other }))).status).toBe(
      422,
    );
    outsider = apiClient(api.url, (await signedInStaff(api.url, ['case-worker'], { programmes: [other] })).token);
    outsideAuditor = apiClient(api.url, (await signedInStaff(api.url, ['auditor'], { programmes: [other] })).token);
  });

  afterAll(() => api?.close());

  it("answers another programme's case as missing: 404 with the same message", async () => {
    const outside = await outsider.get(`/returns/${theirs}`);
    const missing = await outsider.get('/returns/NO-SUCH-CASE-AT-ALL');
    expect([outside.status, outside.body.message]).toEqual([404, [`no return with case reference ${theirs}`]]);
    expect([missing.status, missing.body.message]).toEqual([
      404,
      ['no return with case reference NO-SUCH-CASE-AT-ALL'],
    ]);
    expect(
      (await outsider.post(`/returns/${theirs}/counselling`, { heldOn: '2026-11-20', topics: ['health'] })).status,
    ).toBe(404);
    expect((await outsider.get(`/returns/${mine}`)).status).toBe(200);
  });

  it("does not say how a repeated start differs from another programme's case", async () => {
    const guess = startReturnBody(theirs, { programmeCode: other, targetGroup: 'victim-of-trafficking' });
    const refused = await outsider.post('/returns', guess);
    expect([refused.status, refused.body.message]).toEqual([
      409,
      [`case reference ${theirs} is already used by another return`],
    ]);
  });

  it('shows an auditor of one programme only the staff who work on it', async () => {
    const elsewhere = await signedInStaff(api.url, ['case-worker'], { programmes: [TEST_PROGRAMME] });
    const colleague = await signedInStaff(api.url, ['monitor'], { programmes: [other] });
    const listed = (await outsideAuditor.get('/staff')).body as { id: string; programmes: string[] | null }[];
    expect(listed.map((s) => s.id)).toContain(colleague.id);
    expect(listed.map((s) => s.id)).not.toContain(elsewhere.id);
    expect(listed.every((s) => s.programmes === null || s.programmes.includes(other))).toBe(true);
    expect((await outsideAuditor.get(`/staff/${elsewhere.id}`)).status).toBe(404);
    expect((await outsideAuditor.get(`/staff/${colleague.id}`)).status).toBe(200);
  });

  it('lets an administrator of one programme administer only within it', async () => {
    const limited = await signedInStaff(api.url, ['administrator'], { programmes: [other] });
    const admin = apiClient(api.url, limited.token);
    const elsewhere = await signedInStaff(api.url, ['supervisor'], { programmes: [TEST_PROGRAMME] });
    const everywhere = await signedInStaff(api.url, ['administrator']);
    const colleague = await signedInStaff(api.url, ['case-worker'], { programmes: [other] });
    const password = { password: 'Taken-over-1234' };

    // Staff of other programmes, or of all of them, are not theirs to change: not their password, not their grant.
    const hidden = await admin.call('PATCH', `/staff/${elsewhere.id}`, password);
    expect([hidden.status, hidden.body.message]).toEqual([404, [`no staff user ${elsewhere.id}`]]);
    const wider = await admin.call('PATCH', `/staff/${everywhere.id}`, password);
    expect([wider.status, wider.body.message]).toEqual([
      403,
      [`staff user ${everywhere.id} works on programmes your grant does not cover`],
    ]);
    const beyond = [403, [`programmes must be among those your grant covers (${other})`]];
    const widened = await admin.call('PATCH', `/staff/${limited.id}`, { programmes: null });
    expect([widened.status, widened.body.message]).toEqual(beyond);
    const moved = await admin.call('PATCH', `/staff/${colleague.id}`, { programmes: [other, TEST_PROGRAMME] });
    expect([moved.status, moved.body.message]).toEqual(beyond);
    for (const programmes of [[TEST_PROGRAMME], null]) {
      const user = {
        username: `t-beyond-${process.pid}`,
        displayName: 'Beyond',
        roles: ['case-worker'],
        programmes,
        ...password,
      };
      const created = await admin.post('/staff', user);
      expect([created.status, created.body.message]).toEqual(beyond);
    }
    for (const user of [elsewhere, everywhere]) {
      const signIn = await fetch(`${api.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: user.username, ...password }),
      });
      expect(signIn.status).toBe(401);
    }

    // Other programmes' policies, and what every programme shares, are not theirs to change either.
    const revised = await admin.post(`/programmes/${TEST_PROGRAMME}/revisions`, { policy: testPolicy() });
    expect([revised.status, revised.body.message]).toEqual([404, [`no programme ${TEST_PROGRAMME}`]]);
    const created = await admin.post('/programmes', { code: `${other}-2`, name: 'Mine too', policy: testPolicy() });
    expect([created.status, created.body.message]).toEqual([
      403,
      ['the list of programmes is shared by every programme: only an administrator of all programmes changes it'],
    ]);
    const partner = { kind: 'consulate', place: 'PK', name: 'Consulate', email: 'consulate.pk@attacker.test' };
    const redirected = await admin.post('/partners', partner);
    expect([redirected.status, redirected.body.message]).toEqual([
      403,
      ['the partner directory is shared by every programme: only an administrator of all programmes changes it'],
    ]);
    expect((await admin.get('/partners?kind=consulate&place=PK')).body[0].email).not.toBe(partner.email);

    // Within their programme they do administer: a colleague's grant, a new user, the programme's policy.
    expect((await admin.call('PATCH', `/staff/${colleague.id}`, { roles: ['case-worker', 'monitor'] })).status).toBe(
      200,
    );
    const user = {
      username: `t-within-${process.pid}`,
      displayName: 'Within',
      roles: ['monitor'],
      programmes: [other],
      ...password,
    };
    expect((await admin.post('/staff', user)).status).toBe(201);
    expect((await admin.post(`/programmes/${other}/revisions`, { policy: testPolicy() })).status).toBe(201);
  });

  it("shows an auditor of one programme only its cases' audit entries", async () => {
    expect((await outsideAuditor.get(`/audit?caseRef=${theirs}`)).body).toEqual([]);
    const own = await outsideAuditor.get(`/audit?caseRef=${mine}`);
    const writes = (own.body as { action: string }[]).filter((entry) => !entry.action.startsWith('GET '));
    expect(writes).toEqual([expect.objectContaining({ caseRef: mine, action: 'POST /returns', status: 422 })]);
    const all = (await outsideAuditor.get('/audit?limit=1000')).body as { caseRef: string | null }[];
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((entry) => entry.caseRef !== mine)).toEqual([]);
  });
});
