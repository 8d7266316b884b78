import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startDeclaredReturn } from './support/declared-return';
import { eventually } from './support/eventually';
import { startReturnBody, testPolicy } from './support/fixtures';
import { apiClient, newCaseRef } from './support/http';
import { startApi, startWorker, type RunningApi, type RunningWorker } from './support/running-apps';
import { signedInStaff, type SignedIn } from './support/staff';

const newProgrammeCode = () => `P-${randomBytes(4).toString('hex').toUpperCase()}`;

describe('programmes, partners, and the cases a grant covers', () => {
  let api: RunningApi;
  let worker: RunningWorker;
  let admin: SignedIn;

  beforeAll(async () => {
    [api, worker] = await Promise.all([startApi(), startWorker()]);
    admin = await signedInStaff(api.url, ['administrator']);
  });

  afterAll(async () => {
    await api?.close();
    await worker?.stop();
  });

  const createProgramme = async (policy = testPolicy()) => {
    const code = newProgrammeCode();
    const created = await apiClient(api.url, admin.token).post('/programmes', {
      code,
      name: `Programme ${code}`,
      policy,
    });
    expect(created.status).toBe(201);
    return code;
  };

  it('versions a programme: a revision is a new version, and the old one stays as it was', async () => {
    const code = await createProgramme();
    const http = apiClient(api.url, admin.token);
    const revised = await http.post(`/programmes/${code}/revisions`, {
      policy: testPolicy({ closedDestinations: ['SY', 'YE'] }),
    });
    expect([revised.status, revised.body.version]).toEqual([201, 2]);

    const programme = await http.get(`/programmes/${code}`);
    expect(programme.body).toMatchObject({ code, currentVersion: 2, policy: { closedDestinations: ['SY', 'YE'] } });
    expect(programme.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect((await http.get(`/programmes/${code}/versions/1`)).body.policy.closedDestinations).toEqual(['SY']);
    expect((await http.post('/programmes', { code, name: 'Again', policy: testPolicy() })).status).toBe(409);
    expect((await http.get('/programmes/NO-SUCH/versions/1')).status).toBe(404);

    // Staff whose grant covers another programme see this one as a missing one.
    const elsewhere = apiClient(
      api.url,
      (await signedInStaff(api.url, ['case-worker'], { programmes: ['OTHER'] })).token,
    );
    expect((await elsewhere.get('/programmes')).body.map((p: { code: string }) => p.code)).not.toContain(code);
    expect((await elsewhere.get(`/programmes/${code}`)).status).toBe(404);
    expect((await elsewhere.get(`/programmes/${code}/versions/1`)).status).toBe(404);
    const covered = apiClient(api.url, (await signedInStaff(api.url, ['case-worker'], { programmes: [code] })).token);
    expect((await covered.get('/programmes')).body.map((p: { code: string }) => p.code)).toEqual([code]);
    expect((await covered.get(`/programmes/${code}/versions/2`)).status).toBe(200);
  });

  it("publishes a copy of a programme's policy read back, with the short timers docs/policy.md gives", async () => {
    const code = await createProgramme();
    const http = apiClient(api.url, admin.token);
    const { policy } = (await http.get(`/programmes/${code}`)).body;
    // As docs/policy.md changes it.
    const fast = { dueAfter: 'PT1M', reminderEvery: 'PT30S', escalateAfter: 'PT3M' };
    Object.assign(policy, { travelDocument: fast, declarationWithin: 'PT1H' });
    Object.assign(policy.travel, {
      agencyAnswer: fast,
      confirmations: fast,
      onwardTravel: fast,
      departureConfirmableFrom: 'P2D',
      arrivalConfirmableFrom: 'P2D',
    });
    Object.assign(policy.reintegration, {
      plan: fast,
      voucherValidFor: 'PT10M',
      monitoring: { offsets: ['PT5M', 'PT10M'], visit: fast, missedAfter: 'PT8M' },
    });
    const copy = await http.post('/programmes', { code: newProgrammeCode(), name: 'Short timers', policy });
    expect([copy.status, copy.body.message]).toEqual([201, undefined]);
    expect(readFileSync(join(__dirname, '..', 'docs', 'policy.md'), 'utf8')).toContain(
      'monitoring: { offsets: ["PT5M", "PT10M"], visit: fast, missedAfter: "PT8M" }',
    );
  });

  it('refuses a policy that breaks a rule, naming the field', async () => {
    const http = apiClient(api.url, admin.token);
    const invalid = await http.post('/programmes', {
      code: newProgrammeCode(),
      name: 'Broken',
      policy: {
        ...testPolicy(),
        eligibleTargetGroups: ['tourist'],
        closedDestinations: ['Syria'],
        travelDocument: { dueAfter: '14 days', reminderEvery: 'P7D', escalateAfter: 'P1M' },
        escalationContacts: ['not-an-address'],
      },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^policy\.eligibleTargetGroups must each be one of: rejected-asylum-seeker, /),
        'policy.closedDestinations must each be an ISO 3166-1 alpha-2 country code',
        expect.stringMatching(/^policy\.travelDocument\.dueAfter must be an ISO-8601 duration/),
        expect.stringMatching(/^policy\.travelDocument\.escalateAfter must be an ISO-8601 duration/),
        'policy.escalationContacts must each be an e-mail address',
      ]),
    );

    const escalatesEarly = await http.post('/programmes', {
      code: newProgrammeCode(),
      name: 'Escalates before due',
      policy: testPolicy({ travelDocument: { dueAfter: 'P14D', reminderEvery: 'P7D', escalateAfter: 'P7D' } }),
    });
    expect([escalatesEarly.status, escalatesEarly.body.message]).toEqual([
      400,
      ['policy.travelDocument.escalateAfter must be longer than dueAfter'],
    ]);

    // A partner reminded every second would be flooded: the deployment sets the shortest interval (PT2S in tests).
    const flooding = await http.post('/programmes', {
      code: newProgrammeCode(),
      name: 'Reminds every second',
      policy: testPolicy({ travelDocument: { dueAfter: 'PT1M', reminderEvery: 'PT1S', escalateAfter: 'P28D' } }),
    });
    expect([flooding.status, flooding.body.message]).toEqual([
      400,
      [
        'policy.travelDocument.reminderEvery must be at least PT2S, the shortest reminder interval this deployment allows',
      ],
    ]);

    // A zero duration is a bad field, answered as one (it was a 500).
    for (const zero of ['P0D', 'PT0S', 'P0W']) {
      const none = await http.post('/programmes', {
        code: newProgrammeCode(),
        name: 'No time at all',
        policy: { ...testPolicy(), declarationWithin: zero },
      });
      expect([zero, none.status, none.body.message]).toEqual([
        zero,
        400,
        [expect.stringMatching(/^policy\.declarationWithin must be an ISO-8601 duration .* longer than zero/)],
      ]);
    }
  });

  it('creates a programme once when several requests create it at once: the others are told to revise it', async () => {
    const http = apiClient(api.url, admin.token);
    const code = newProgrammeCode();
    const answers = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(() => http.post('/programmes', { code, name: `Programme ${code}`, policy: testPolicy() })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(answers.find((a) => a.status === 201)!.body.version).toBe(1);
    expect((await http.get(`/programmes/${code}`)).body.currentVersion).toBe(1);
  });

  it('keeps a running case on the policy version it started with when the programme is revised', async () => {
    const code = await createProgramme(testPolicy({ declarationWithin: 'PT60S' }));
    const caseWorker = await signedInStaff(api.url, ['case-worker'], { programmes: [code] });
    const http = apiClient(api.url, caseWorker.token);
    const due = (body: { waitingFor: { since: string; dueAt: string } }) =>
      Date.parse(body.waitingFor.dueAt) - Date.parse(body.waitingFor.since);
    const waitingView = (caseRef: string) =>
      eventually(async () => {
        const { body } = await http.get(`/returns/${caseRef}`);
        return body.waitingFor ? body : undefined;
      });

    const before = newCaseRef('PIN');
    expect((await http.post('/returns', startReturnBody(before, { programmeCode: code }))).status).toBe(201);
    // The declaration is the first thing a return waits for: version 1 gives it PT60S.
    expect(due(await waitingView(before))).toBe(60_000);

    const revision = testPolicy({ declarationWithin: 'PT2H' });
    expect(
      (await apiClient(api.url, admin.token).post(`/programmes/${code}/revisions`, { policy: revision })).status,
    ).toBe(201);

    const after = newCaseRef('PIN');
    expect((await http.post('/returns', startReturnBody(after, { programmeCode: code }))).status).toBe(201);
    const [old, current] = [await waitingView(before), await waitingView(after)];
    expect([old.policyVersion, due(old)]).toEqual([1, 60_000]);
    expect([current.policyVersion, due(current)]).toEqual([2, 7_200_000]);
  });

  it('keeps one partner per kind and place, with the place each kind needs', async () => {
    const http = apiClient(api.url, admin.token);
    const mission = { kind: 'mission', place: 'TG', name: 'IOM Lomé', email: 'mission.tg@partners.test' };
    const first = await http.post('/partners', mission);
    const replaced = await http.post('/partners', { ...mission, email: 'lome@partners.test' });
    expect(first.status).toBe(201);
    expect(replaced.body).toEqual({ ...mission, id: first.body.id, email: 'lome@partners.test' });
    expect((await http.get('/partners?kind=mission&place=TG')).body).toEqual([replaced.body]);
    // Written at the same time: each request is answered with what it wrote, one of them stays.
    const emails = ['a.tg@partners.test', 'b.tg@partners.test', 'c.tg@partners.test', 'd.tg@partners.test'];
    const racing = await Promise.all(emails.map((email) => http.post('/partners', { ...mission, email })));
    expect(racing.map((answer) => answer.body.email)).toEqual(emails);
    expect(emails).toContain((await http.get('/partners?kind=mission&place=TG')).body[0].email);
    await http.post('/partners', { ...mission, email: 'lome@partners.test' });

    const airport = await http.post('/partners', {
      kind: 'airport-assistance',
      place: 'Otopeni',
      name: 'x',
      email: 'a@b.test',
    });
    expect([airport.status, airport.body.message]).toEqual([
      400,
      ['place must be the IATA code of its airport for a airport-assistance'],
    ]);
    expect((await http.call('DELETE', `/partners/${first.body.id}`)).status).toBe(204);
    expect((await http.call('DELETE', `/partners/${first.body.id}`)).status).toBe(404);
  });

  it('shows a page asked for by number as the list stands, read again after a new case', async () => {
    const code = await createProgramme();
    const http = apiClient(api.url, (await signedInStaff(api.url, ['case-worker'])).token);
    const opened: string[] = [];
    for (let i = 0; i < 3; i++) {
      const caseRef = newCaseRef('PAGE');
      expect((await http.post('/returns', startReturnBody(caseRef, { programmeCode: code }))).status).toBe(201);
      opened.push(caseRef);
    }
    const third = async () =>
      (await http.get(`/returns?programme=${code}&pageSize=1&page=3`)).body.items.map(
        (c: { caseRef: string }) => c.caseRef,
      );
    // Newest first: the third page is the first case opened, read by skipping and then after the case before it.
    expect(await third()).toEqual([opened[0]]);
    expect(await third()).toEqual([opened[0]]);

    expect((await http.post('/returns', startReturnBody(newCaseRef('PAGE'), { programmeCode: code }))).status).toBe(
      201,
    );
    await eventually(async () => ((await third())[0] === opened[1] ? true : undefined));
    expect(await third()).toEqual([opened[1]]);
  });

  it('lets staff act only on the programmes their grant covers, and lists only those cases', async () => {
    const [mine, theirs] = [await createProgramme(), await createProgramme()];
    const scoped = await signedInStaff(api.url, ['case-worker'], { programmes: [mine] });
    const everywhere = await signedInStaff(api.url, ['case-worker', 'supervisor']);
    const http = apiClient(api.url, scoped.token);

    const inMine = [newCaseRef('SCOPE'), newCaseRef('SCOPE')];
    for (const caseRef of inMine) {
      await startDeclaredReturn(http, startReturnBody(caseRef, { programmeCode: mine, hasValidTravelDocument: true }));
    }
    const inTheirs = newCaseRef('SCOPE');
    const refused = await http.post('/returns', startReturnBody(inTheirs, { programmeCode: theirs }));
    expect([refused.status, refused.body.message]).toEqual([403, [`your grant does not cover programme ${theirs}`]]);
    expect(
      (
        await apiClient(api.url, everywhere.token).post(
          '/returns',
          startReturnBody(inTheirs, { programmeCode: theirs }),
        )
      ).status,
    ).toBe(201);
    expect((await http.get(`/returns/${inTheirs}`)).status).toBe(404); // outside the grant, as if missing

    const listed = await http.get('/returns?pageSize=200');
    expect(listed.body.items.every((c: { programmeCode: string }) => c.programmeCode === mine)).toBe(true);
    expect(listed.body.items.map((c: { caseRef: string }) => c.caseRef).sort()).toEqual([...inMine].sort());
    expect((await http.get(`/returns?programme=${theirs}`)).body).toMatchObject({ items: [], total: 0 });

    const firstPage = await http.get('/returns?pageSize=1&page=1');
    const secondPage = await http.get('/returns?pageSize=1&page=2');
    expect([firstPage.body.total, firstPage.body.items.length, secondPage.body.items.length]).toEqual([2, 1, 1]);
    expect(firstPage.body.items[0].caseRef).not.toBe(secondPage.body.items[0].caseRef);
    // The same pages by cursor: the first page's `next` is the second page, the last one.
    expect(firstPage.body).toMatchObject({ totalEstimated: false, next: expect.any(String) });
    const byCursor = await http.get(`/returns?pageSize=1&cursor=${firstPage.body.next}`);
    expect([byCursor.body.page, byCursor.body.items[0].caseRef, byCursor.body.next]).toEqual([
      2,
      secondPage.body.items[0].caseRef,
      null,
    ]);
    const forged = await http.get(`/returns?cursor=${Buffer.from('["2026-01-01", "X", 1]').toString('base64url')}`);
    expect([forged.status, forged.body.message]).toEqual([
      400,
      ['cursor must be the `next` cursor of an earlier page of this list'],
    ]);
    const both = await http.get(`/returns?page=2&cursor=${firstPage.body.next}`);
    expect([both.status, both.body.message]).toEqual([
      400,
      ['cursor cannot be combined with page: a cursor says where its page starts'],
    ]);

    await eventually(async () => {
      const done = await http.get('/returns?stage=travel-arrangements&destination=PK');
      return done.body.total === 2 ? true : undefined;
    });
    expect((await http.get('/returns?stage=travel-document')).body.total).toBe(0);
    expect((await http.get('/returns?stage=boarding')).status).toBe(400);
  });
});
