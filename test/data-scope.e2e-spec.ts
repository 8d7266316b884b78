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

  it("shows an auditor of one programme only its cases' audit entries", async () => {
    expect((await outsideAuditor.get(`/audit?caseRef=${theirs}`)).body).toEqual([]);
    const own = await outsideAuditor.get(`/audit?caseRef=${mine}`);
    expect(own.body).toEqual([expect.objectContaining({ caseRef: mine, action: 'POST /returns', status: 422 })]);
    const all = (await outsideAuditor.get('/audit?limit=1000')).body as { caseRef: string | null }[];
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((entry) => entry.caseRef !== mine)).toEqual([]);
  });
});
