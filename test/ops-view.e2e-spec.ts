import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { OPS_DIGEST_SCHEDULE_ID, returnWorkflowId } from '@avrr/contracts';
import { freePort } from '@avrr/local-stack';
import { caughtMail, waitForMail } from './support/caught-mail';
import { startDeclaredReturn } from './support/declared-return';
import { caseWhere, flightsTo } from './support/bring-home';
import { eventually } from './support/eventually';
import { startReturnBody, testPolicy } from './support/fixtures';
import { recordHistoryIfAsked } from './support/histories';
import { apiClient, newCaseRef } from './support/http';
import { OPS_QUERIES, opsReturns, userMetadataSummaries, workflowDetails } from './support/ops-queries';
import { runningReturnsStack } from './support/running-apps';
import { travelAgency } from './support/sandboxes';
import { signedInStaff } from './support/staff';
import { TEST_CONSULATES, testStack } from './support/test-env';
import { launchChromium } from './support/headless-chromium';
import { userMetadataInUi, workflowsListedInUi } from './support/temporal-ui';

/**
 * The ops view: among returns on time, a late one (its consulate silent) and a failing one (the agency answering
 * 503) are found, and only they, through the API's filters and through Temporal's visibility with the README's
 * queries; each says why in its details and summaries.
 */
describe('the ops view: late and failing returns found in one query', () => {
  let workerMetrics: string;
  beforeAll(async () => {
    workerMetrics = `127.0.0.1:${await freePort()}`;
    process.env.TEMPORAL_WORKER_METRICS_ADDRESS = workerMetrics;
  });
  afterAll(() => delete process.env.TEMPORAL_WORKER_METRICS_ADDRESS);
  const stack = runningReturnsStack();
  let http: ReturnType<typeof apiClient>;
  let supervisor: ReturnType<typeof apiClient>;
  let supervisorId: string;
  let temporal: Client;
  const programme = `OPS-${process.pid}-${Date.now().toString(36).toUpperCase()}`;
  const late = newCaseRef('LATE');
  const failing = newCaseRef('FAILING');
  const undeclared = newCaseRef('ONTIME');
  const booking = newCaseRef('ONTIME');
  const SUPERVISORS = ['ops-lead@supervisors.test', 'ops-deputy@supervisors.test'];

  beforeAll(async () => {
    temporal = stack.temporal;
    const [admin, caseWorker, supervising] = await Promise.all([
      signedInStaff(stack.api.url, ['administrator']),
      signedInStaff(stack.api.url, ['case-worker']),
      signedInStaff(stack.api.url, ['supervisor']),
    ]);
    http = apiClient(stack.api.url, caseWorker.token);
    supervisor = apiClient(stack.api.url, supervising.token);
    supervisorId = supervising.id;
    const policy = testPolicy();
    const created = await apiClient(stack.api.url, admin.token).post('/programmes', {
      code: programme,
      name: 'Ops view: a consulate due in seconds, a declaration due tomorrow',
      policy: {
        ...policy,
        declarationWithin: 'P1D',
        escalationContacts: SUPERVISORS,
        travelDocument: { dueAfter: 'PT2S', reminderEvery: 'PT20S', escalateAfter: 'P1D' },
      },
    });
    expect(created.status).toBe(201);

    const body = (caseRef: string, overrides: Record<string, unknown> = {}) =>
      startReturnBody(caseRef, { programmeCode: programme, ...overrides });
    // Four failed attempts (from the third, reported), then the fifth books: the failing step clears itself.
    await travelAgency.faults({ failNext: 4, status: 503, scope: `${returnWorkflowId(failing)}/booking/` });
    await Promise.all([
      // A family with a Georgian national: its travel document may be handed to Georgia's consulate.
      startDeclaredReturn(
        http,
        body(late, {
          dependants: [{ givenName: 'Nino', familyName: 'Khan', dateOfBirth: '1992-02-02', nationality: 'GE' }],
        }),
      ),
      startDeclaredReturn(http, body(failing, { hasValidTravelDocument: true })),
      startDeclaredReturn(http, body(booking, { hasValidTravelDocument: true })),
      http.post('/returns', body(undeclared)),
    ]);
    await caseWhere(http, failing, (b) => b.waitingFor?.what === 'flights chosen by the case worker');
    expect((await http.post(`/returns/${failing}/flights`, { segments: flightsTo('LHE') })).status).toBe(200);
  });

  afterAll(async () => {
    await Promise.all(
      [late, failing, undeclared, booking].map((ref) =>
        temporal.workflow
          .getHandle(returnWorkflowId(ref))
          .terminate('end of the ops view test')
          .catch(() => undefined),
      ),
    );
  });

  const listed = async (filter: string) => {
    const { status, body } = await http.get(`/returns?programme=${programme}&${filter}`);
    expect(status).toBe(200);
    return (body.items as { caseRef: string }[]).map((i) => i.caseRef).sort();
  };

  it('finds exactly the late and the failing return through the API and through visibility', async () => {
    await eventually(async () => ((await listed('failing=true')).length === 1 ? true : undefined), {
      timeoutMs: 60_000,
      what: 'the booking to be reported failing',
    });
    await eventually(async () => ((await listed('overdue=true')).length === 1 ? true : undefined));

    expect(await listed('failing=true')).toEqual([failing]);
    expect(await listed('overdue=true')).toEqual([late]);
    expect(await listed('partner=consulate:PK')).toEqual([late]);
    expect(await listed(`dueBefore=${new Date(Date.now() + 3_600_000).toISOString()}`)).toEqual([late]);
    expect(await listed('overdue=false')).toEqual([booking, failing, undeclared].sort());

    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    for (const query of Object.values(OPS_QUERIES)) expect(readme).toContain(query);
    expect(await opsReturns(temporal, OPS_QUERIES.failing, programme)).toEqual([failing]);
    expect(await opsReturns(temporal, OPS_QUERIES.overdue, programme)).toEqual([late]);
    expect(await opsReturns(temporal, OPS_QUERIES.waitingOnConsulate, programme)).toEqual([late]);

    const { body } = await http.get(`/returns?programme=${programme}`);
    const item = (ref: string) => body.items.find((i: { caseRef: string }) => i.caseRef === ref);
    expect(item(late)).toMatchObject({ waitingOn: 'consulate:PK', overdue: true, workflowStatus: 'RUNNING' });
    expect(item(late).lateBySeconds).toBeGreaterThan(0);
    // Whom it waits on and what fails agree: the agency, whose booking keeps failing.
    expect(item(failing)).toMatchObject({
      waitingOn: 'travel-agency:TEST',
      blockedBy: ['bookFlights:HTTP-503'],
      overdue: false,
    });
    expect(item(undeclared)).toMatchObject({ overdue: false, lateBySeconds: null, blockedBy: [] });
    expect(Date.parse(item(undeclared).dueAt)).toBeGreaterThan(Date.now() + 3_600_000);

    expect(await workflowDetails(temporal, late)).toMatch(
      /waiting on consulate PK \(Consulate of Pakistan\) for travel document from the consulate since .*, \*\*overdue( by \d+ seconds?)?\*\*/,
    );
    expect(await workflowDetails(temporal, failing)).toMatch(/\*\*booking failing\*\*: 503, attempt [3-9]/);
    expect(await workflowDetails(temporal, failing)).toContain(`Return ${failing} to PK, ${programme} policy v1`);
    const summaries = await userMetadataSummaries(temporal, late);
    expect(summaries.activities).toContain('travel document request to consulate PK');
    expect(summaries.timers).toContainEqual(
      expect.stringMatching(/^consulate PK: travel document from the consulate due /),
    );
  });

  it('shows them in Temporal UI, filtered by FailingStep and by WaitingOn, with summaries and current details', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
      const mine = `AND ProgrammeCode='${programme}'`;
      const failingList = await workflowsListedInUi(page, `FailingStep IS NOT NULL ${mine}`, returnWorkflowId(failing));
      expect(failingList).not.toContain(returnWorkflowId(late));
      const waitingList = await workflowsListedInUi(page, `WaitingOn='consulate:PK' ${mine}`, returnWorkflowId(late));
      expect(waitingList).not.toContain(returnWorkflowId(failing));

      const run = (ref: string) => temporal.workflow.getHandle(returnWorkflowId(ref)).describe();
      await userMetadataInUi(page, await run(failing), [
        `Return ${failing} to PK, ${programme} policy v1`,
        /booking failing: 503, attempt \d/,
        /waiting on travel-agency TEST \(Test travel agency\) for the booking of the chosen flights since /,
        'book RO201, TK710 (agency-api) with travel agency TEST',
      ]);
      await userMetadataInUi(page, await run(late), [
        `Return ${late} to PK, ${programme} policy v1`,
        /waiting on consulate PK \(Consulate of Pakistan\) for travel document from the consulate since .*overdue/,
        'travel document request to consulate PK',
        /consulate PK: travel document from the consulate due /,
      ]);
    } finally {
      await browser.close();
    }
  });

  it("serves the worker's SDK metrics and the API's metrics, with the overdue gauge at this programme's count", async () => {
    const scrape = async (url: string) => {
      const response = await fetch(url);
      expect(response.status).toBe(200);
      return response.text();
    };
    const sdk = await scrape(`http://${workerMetrics}/metrics`);
    expect(sdk).toMatch(/^temporal_worker_task_slots_available\{/m);
    // Every spec file's worker polls the same task queue, so which worker ran the failing booking is not this
    // test's to know: it checks the worker's own series, its slots and its calls to Temporal.
    expect(sdk).toMatch(/^temporal_(long_)?request\{/m);

    const api = await scrape(`${stack.api.url}/metrics`);
    const overdue = api
      .split('\n')
      .filter((line) => line.startsWith('avrr_returns_overdue{') && line.includes(programme));
    expect(overdue).toEqual([
      `avrr_returns_overdue{programme="${programme}",stage="travel-document",partner="consulate:PK",step=""} 1`,
    ]);
    expect(api).toContain(`avrr_returns{programme="${programme}",stage="declaration",outcome=""} 1`);
    expect(api).toMatch(
      /^avrr_http_request_duration_seconds_count\{method="GET",route="\/returns",status="200"\} \d+/m,
    );
  });

  it("e-mails each of the programme's supervisors one digest a day, with its late and failing returns", async () => {
    const schedule = temporal.schedule.getHandle(OPS_DIGEST_SCHEDULE_ID);
    // The first spec file's worker created the schedule, on its own task queue: the digest runs on this file's.
    const taskQueue = process.env.TEMPORAL_TASK_QUEUE!;
    await schedule.update((schedule) => ({ ...schedule, action: { ...schedule.action, taskQueue } }));
    const digestsTo = async (to: string) =>
      (await caughtMail()).filter((m) => m.to.includes(to) && m.subject.startsWith('Daily digest'));
    const runDigest = async () => {
      const before = (await schedule.describe()).info.recentActions.length;
      await schedule.trigger();
      const action = await eventually(async () => (await schedule.describe()).info.recentActions[before]);
      return temporal.workflow.getHandle(action.action.workflow.workflowId).result();
    };

    // A cancellation the saga gave up on (its line in the timeline, as partner-refusals.e2e-spec.ts makes one).
    const db = new PgClient({ connectionString: testStack().databaseUrl });
    await db.connect();
    const gaveUp =
      'cancelTravelDocumentRequest failed (PartnerUnavailable): staff must cancel it with the partner by hand';
    try {
      await db.query(
        `INSERT INTO case_timeline (case_ref, kind, summary, actor, idempotency_key)
         VALUES ($1, 'cancellation-failed', $2, 'system', $3)`,
        [late, gaveUp, `${late}/gave-up`],
      );
    } finally {
      await db.end();
    }

    await runDigest();
    for (const supervisor of SUPERVISORS) {
      const [digest, ...more] = await eventually(async () =>
        (await digestsTo(supervisor)).length ? digestsTo(supervisor) : undefined,
      );
      expect(more).toEqual([]);
      expect(digest.text).toContain(
        `Programme ${programme}\n  Overdue from consulate:PK (Consulate of Pakistan):\n    ${late}: travel-document, due `,
      );
      expect(digest.text).toContain(
        `  Failing step bookFlights:HTTP-503:\n    ${failing}: travel-arrangements, waiting on travel-agency:TEST`,
      );
      expect(digest.text).toContain(`  To do by hand (since yesterday):\n    ${late}: ${gaveUp}`);
      for (const onTime of [undeclared, booking]) expect(digest.text).not.toContain(onTime);
    }

    await runDigest();
    for (const supervisor of SUPERVISORS) expect(await digestsTo(supervisor)).toHaveLength(1);
  });

  it('lets a supervisor remind the silent consulate now, extend its due date and hand it over, the reason in the timeline', async () => {
    const reminders = async () =>
      (await caughtMail()).filter((m) => m.text.includes(late) && m.subject.startsWith('Reminder'));
    const before = (await reminders()).length;
    const resent = await supervisor.post(`/returns/${late}/unstick`, {
      action: 'resend',
      reason: 'Consulate asked by phone',
    });
    expect(resent.status).toBe(200);
    await eventually(async () => ((await reminders()).length === before + 1 ? true : undefined), { timeoutMs: 10_000 });
    // A periodic reminder may land after it: the supervisor's action is found by its kind.
    const unstuck = (timeline: { kind: string; summary: string }[]) =>
      timeline.filter((e) => e.kind === 'unstick-recorded');
    expect(unstuck(resent.body.timeline).at(-1)).toMatchObject({
      kind: 'unstick-recorded',
      summary: 'Partner asked again now: Consulate asked by phone',
      actor: supervisorId,
      actorName: 'Test supervisor',
    });
    expect(resent.body.timeline.find((e: { actor: string }) => e.actor === 'system')).toMatchObject({
      actorName: null,
    });

    const until = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const extended = await supervisor.post(`/returns/${late}/unstick`, { action: 'extend', until, reason: 'Holiday' });
    expect(extended.status).toBe(200);
    await eventually(async () => ((await listed('overdue=true')).length === 0 ? true : undefined));
    const { body } = await http.get(`/returns?programme=${programme}&partner=consulate:PK`);
    expect(body.items).toMatchObject([{ caseRef: late, dueAt: until, overdue: false, lateBySeconds: null }]);
    expect(await opsReturns(temporal, OPS_QUERIES.overdue, programme)).toEqual([]);

    // A due date so far out that the partner would never be reminded again is refused, naming the field.
    const never = await supervisor.post(`/returns/${late}/unstick`, {
      action: 'extend',
      until: '9999-12-31',
      reason: 'r',
    });
    expect([never.status, never.body.message]).toEqual([
      400,
      ['until must be an ISO 8601 date-time from now to a year ahead (required to extend)'],
    ]);
    const earlier = await supervisor.post(`/returns/${late}/unstick`, { action: 'extend', until, reason: 'Again' });
    expect(earlier.status).toBe(409);
    expect(JSON.stringify(earlier.body)).toContain('the new due date must be later than');
    const noPartner = await supervisor.post(`/returns/${undeclared}/unstick`, { action: 'resend', reason: 'Try' });
    expect(noPartner.status).toBe(409);
    expect(JSON.stringify(noPartner.body)).toContain('waits on no partner request');
    const noReason = await supervisor.post(`/returns/${late}/unstick`, { action: 'resend' });
    expect(noReason.status).toBe(400);
    // A field of another action is refused, not dropped.
    const mixed = await supervisor.post(`/returns/${late}/unstick`, { action: 'resend', place: 'NG', reason: 'x' });
    expect([mixed.status, mixed.body.message]).toEqual([400, ['place is given only to reassign']]);
    const dated = await supervisor.post(`/returns/${late}/unstick`, {
      action: 'reassign',
      until,
      place: 'NG',
      reason: 'x',
    });
    expect([dated.status, dated.body.message]).toEqual([400, ['until is given only to extend']]);

    // Outside a supervisor's grant, or of no case, the answer is the 404 of a missing case: nothing of it is told.
    const outsider = apiClient(
      stack.api.url,
      (await signedInStaff(stack.api.url, ['supervisor'], { programmes: ['ELSEWHERE'] })).token,
    );
    for (const [ref, where] of [
      [late, 'NG'],
      [late, 'GE'],
      ['NO-SUCH-CASE-1', 'NG'],
    ]) {
      const probe = await outsider.post(`/returns/${ref}/unstick`, { action: 'reassign', place: where, reason: 'x' });
      expect([ref, where, probe.status]).toEqual([ref, where, 404]);
    }
    const foreign = await supervisor.post(`/returns/${late}/unstick`, { action: 'reassign', place: 'NG', reason: 'x' });
    expect([foreign.status, foreign.body.message]).toEqual([
      400,
      ['place must be the country of a traveller\'s nationality: "NG" is none'],
    ]);
    const nowhere = await supervisor.post(`/returns/${late}/unstick`, { action: 'reassign', place: 'KM', reason: 'x' });
    expect(nowhere.status).toBe(400);
    expect(JSON.stringify(nowhere.body)).toContain('place names no consulate in the partner directory: \\"KM\\"');
    // The Pakistani consulate documents its nationals: the case says who no consulate is asked for.
    const unasked = (view: { blockedBy: string[] }) => view.blockedBy.filter((line) => line.includes('no consulate'));
    expect(unasked((await http.get(`/returns/${late}`)).body)).toEqual([
      'Nino Khan (GE): no consulate is asked for a travel document, as the request goes to the consulate of PK for ' +
        'its nationals; ask theirs, and record the travel document once every traveller has one',
    ]);
    const handed = await supervisor.post(`/returns/${late}/unstick`, {
      action: 'reassign',
      place: 'GE',
      reason: 'Handled by the Georgian consulate this month',
    });
    expect(handed.status).toBe(200);
    expect(unasked(handed.body)).toEqual([expect.stringMatching(/^Amina Khan \(PK\): no consulate is asked/)]);
    expect(unstuck(handed.body.timeline).at(-1)!.summary).toBe(
      'Handed over from consulate PK to consulate GE (Consulate of Georgia): Handled by the Georgian consulate this month',
    );
    await waitForMail(late, (m) => m.to.includes(TEST_CONSULATES.GE.email) && m.subject.startsWith('Travel document'));
    // The consulate that had the request is told to disregard it, with nothing but the case reference.
    const [told] = await waitForMail(
      late,
      (m) => m.to.includes(TEST_CONSULATES.PK.email) && m.subject.includes('hand'),
    );
    expect(told.subject).toBe(`Request withdrawn: handed to another partner - case ${late}`);
    expect(told.text).toContain('Please disregard it');
    // Its reminders are the new consulate's own, counted from the first.
    const [reminded] = await waitForMail(
      late,
      (m) => m.to.includes(TEST_CONSULATES.GE.email) && m.subject.startsWith('Reminder'),
    );
    expect(reminded.subject).toBe(`Reminder 1: travel document request - case ${late}`);
    await eventually(async () => ((await listed('partner=consulate:GE')).length === 1 ? true : undefined));
    expect(await listed('partner=consulate:PK')).toEqual([]);
    await recordHistoryIfAsked(temporal.workflow.getHandle(returnWorkflowId(late)), 'ops-handed-over-reminders-anew');
  });

  it("moves a step's escalation with its due date, and starts it afresh when the step is handed over", async () => {
    const admin = apiClient(stack.api.url, (await signedInStaff(stack.api.url, ['administrator'])).token);
    const escalating = `${programme}-ESC`;
    const created = await admin.post('/programmes', {
      code: escalating,
      name: 'Ops view: a consulate escalated 10 s after it is asked',
      policy: {
        ...testPolicy(),
        escalationContacts: SUPERVISORS,
        travelDocument: { dueAfter: 'PT3S', reminderEvery: 'PT30S', escalateAfter: 'PT10S' },
      },
    });
    expect(created.status).toBe(201);
    const [extended, handed] = [newCaseRef('EXTENDED'), newCaseRef('HANDED')];
    const georgian = [{ givenName: 'Nino', familyName: 'Khan', dateOfBirth: '1992-02-02', nationality: 'GE' }];
    await Promise.all([
      startDeclaredReturn(http, startReturnBody(extended, { programmeCode: escalating })),
      startDeclaredReturn(http, startReturnBody(handed, { programmeCode: escalating, dependants: georgian })),
    ]);
    const asked = async (caseRef: string) =>
      Date.parse((await caseWhere(http, caseRef, (b) => b.waitingFor?.partner === 'consulate')).waitingFor.since);
    const [extendedAsked, handedAsked] = await Promise.all([asked(extended), asked(handed)]);
    const escalations = async (caseRef: string) =>
      (await caughtMail()).filter((m) => m.text.includes(caseRef) && m.subject.startsWith('Escalation'));
    const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

    // Ten seconds more for the consulate: its escalation comes ten seconds later too.
    const until = new Date(extendedAsked + 13_000).toISOString();
    expect(
      (await supervisor.post(`/returns/${extended}/unstick`, { action: 'extend', until, reason: 'r' })).status,
    ).toBe(200);
    // Handed over five seconds in: the Georgian consulate has its own ten seconds.
    await sleepUntil(handedAsked + 5_000);
    const reassign = { action: 'reassign', place: 'GE', reason: 'r' };
    expect((await supervisor.post(`/returns/${handed}/unstick`, reassign)).status).toBe(200);

    // Three seconds past the first request's escalation, neither supervisors' inbox has one.
    await sleepUntil(Math.max(extendedAsked, handedAsked) + 13_000);
    expect([(await escalations(extended)).length, (await escalations(handed)).length]).toEqual([0, 0]);
    await waitForMail(handed, (m) => m.subject.startsWith('Escalation'), { timeoutMs: 20_000 });
    await waitForMail(extended, (m) => m.subject.startsWith('Escalation'), { timeoutMs: 30_000 });
    await recordHistoryIfAsked(
      temporal.workflow.getHandle(returnWorkflowId(extended)),
      'ops-extended-escalation-moved',
    );
    await recordHistoryIfAsked(
      temporal.workflow.getHandle(returnWorkflowId(handed)),
      'ops-handed-over-escalation-anew',
    );
    for (const caseRef of [extended, handed]) {
      await temporal.workflow.getHandle(returnWorkflowId(caseRef)).terminate('end of the ops view test');
    }
  }, 90_000);

  it('clears the failing step once the agency books', async () => {
    await caseWhere(
      http,
      failing,
      (b) => b.stage === 'departure' && b.waitingFor?.partner === 'airport-assistance',
      90_000,
    );
    // The flights fix the airport: its step is not handed to another airport's team (nothing is recorded).
    const elsewhere = await supervisor.post(`/returns/${failing}/unstick`, {
      action: 'reassign',
      place: 'IST',
      reason: 'Istanbul team is quicker',
    });
    expect([elsewhere.status, JSON.stringify(elsewhere.body)]).toEqual([
      409,
      expect.stringContaining('the airport-assistance partner OTP is at an airport of the flights'),
    ]);
    const { body } = await http.get(`/returns/${failing}`);
    expect(body.timeline.filter((e: { kind: string }) => e.kind === 'unstick-recorded')).toEqual([]);
    await eventually(async () => ((await listed('failing=true')).length === 0 ? true : undefined));
    expect(await opsReturns(temporal, OPS_QUERIES.failing, programme)).toEqual([]);
    expect(await workflowDetails(temporal, failing)).not.toContain('failing');
    await recordHistoryIfAsked(
      temporal.workflow.getHandle(returnWorkflowId(failing)),
      'ops-booking-failing-waits-on-agency',
    );
  });

  it('refuses a filter that is not a boolean, a partner or a date, naming it', async () => {
    const answers = await Promise.all(
      ['overdue=soon', 'failing=1', 'partner=PK', 'dueBefore=tomorrow'].map((q) => http.get(`/returns?${q}`)),
    );
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400]);
    expect(answers.map((a) => JSON.stringify(a.body))).toEqual([
      expect.stringContaining('overdue must be true or false'),
      expect.stringContaining('failing must be true or false'),
      expect.stringContaining('partner must be'),
      expect.stringContaining('dueBefore must be'),
    ]);
  });
});
