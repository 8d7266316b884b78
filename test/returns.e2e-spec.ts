import { Client, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import {
  DestinationCountryAttribute,
  ProgrammeCodeAttribute,
  ReturnStageAttribute,
  returnWorkflowId,
} from '@avrr/contracts';
import { caughtMail, waitForMail } from './support/caught-mail';
import { startDeclaredReturn } from './support/declared-return';
import { eventually } from './support/eventually';
import { historyPayloads, readableHistory, recordHistoryIfAsked } from './support/histories';
import { ISSUED_DOCUMENT, SIGNED_DECLARATION, startReturnBody } from './support/fixtures';
import { apiClient, newCaseRef } from './support/http';
import { startApi, startWorker, type RunningApi, type RunningWorker } from './support/running-apps';
import { signedInStaff, type SignedIn } from './support/staff';
import { TEST_CONSULATES, TEST_PROGRAMME, testStack } from './support/test-env';

describe('a return through the HTTP API, Temporal, PostgreSQL and SMTP, signed in as a case worker', () => {
  let caseWorker: SignedIn;
  let api: RunningApi;
  let worker: RunningWorker;
  let http: ReturnType<typeof apiClient>;
  let temporal: Client;
  let db: PgClient;

  beforeAll(async () => {
    [api, worker] = await Promise.all([startApi(), startWorker()]);
    caseWorker = await signedInStaff(api.url, ['case-worker']);
    http = apiClient(api.url, caseWorker.token);
    temporal = new Client({ connection: await Connection.connect({ address: testStack().temporalAddress }) });
    db = new PgClient({ connectionString: testStack().databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await temporal?.connection.close();
    await api?.close();
    await worker?.stop();
  });

  it('counsels, takes the declaration, asks the consulate, reminds it, and moves on once the document is recorded', async () => {
    const caseRef = newCaseRef('E2E');
    const before = Date.now();
    const started = await http.post('/returns', startReturnBody(caseRef));
    expect(started.status).toBe(201);
    expect(started.body.workflow.workflowId).toBe(`return-${caseRef}`);
    // At intake since the case opened, not "since" nothing.
    expect(started.body.stage).toBe('intake');
    expect(Date.parse(started.body.stageSince)).toBeGreaterThanOrEqual(before - 1000);

    // No partner is asked before the signed declaration; a step out of order changes nothing.
    const declaring = await eventually(async () => {
      const { body } = await http.get(`/returns/${caseRef}`);
      return body.stage === 'declaration' && body.waitingFor ? body : undefined;
    });
    expect(declaring.waitingFor.what).toBe('the signed voluntary-return declaration');
    const early = await http.post(`/returns/${caseRef}/travel-document`, ISSUED_DOCUMENT);
    expect([early.status, early.body.message]).toEqual([
      409,
      [
        'a travel document is not allowed in stage declaration (only in: travel-document, travel-arrangements); the case waits for the signed voluntary-return declaration',
      ],
    ]);
    expect((await http.get(`/returns/${caseRef}`)).body.travelDocument).toBeNull();
    // A step after arrival, sent at the declaration, is refused for good: nothing is kept to be applied later.
    const plan = await http.post(`/returns/${caseRef}/reintegration-plan`, {
      items: [{ category: 'education', description: 'School fees', amount: 800 }],
    });
    expect([plan.status, plan.body.message]).toEqual([
      409,
      ['a reintegration plan is not allowed in stage declaration (only in: reintegration, monitoring)'],
    ]);
    expect((await http.get(`/returns/${caseRef}`)).body.reintegration.plan).toBeNull();
    const { rows: ledger } = await db.query(`SELECT status FROM case_steps WHERE case_ref = $1 AND step = 'plan'`, [
      caseRef,
    ]);
    expect(ledger).toEqual([{ status: 'refused' }]);
    const flights = await http.post(`/returns/${caseRef}/flights`, {
      segments: [
        { flight: 'RO201', from: 'OTP', to: 'IST', departsAt: new Date(Date.now() + 86_400_000).toISOString() },
        { flight: 'TK710', from: 'IST', to: 'LHE', departsAt: new Date(Date.now() + 90_000_000).toISOString() },
      ],
    });
    expect([flights.status, flights.body.message]).toEqual([
      409,
      [
        'choosing flights is not allowed in stage declaration (only in: travel-arrangements); the case waits for the signed voluntary-return declaration',
      ],
    ]);

    for (const session of [
      { heldOn: '2026-11-10', topics: ['return-process', 'rights-and-options'] },
      { heldOn: '2026-11-17', topics: ['country-of-origin-information', 'reintegration-assistance'] },
    ]) {
      expect((await http.post(`/returns/${caseRef}/counselling`, session)).status).toBe(200);
    }
    expect(await caughtMail().then((all) => all.filter((m) => m.subject.includes(`case ${caseRef}`)))).toEqual([]);
    // Dated before the case was opened, it would count days before the intake: refused, naming the field.
    const opened = (await http.get(`/returns/${caseRef}`)).body.timeline[0].at.slice(0, 10);
    const [dayBefore, twoDaysBefore] = [1, 2].map((n) =>
      new Date(Date.parse(opened) - n * 86_400_000).toISOString().slice(0, 10),
    );
    const predated = await http.post(`/returns/${caseRef}/declaration`, { signedOn: twoDaysBefore });
    expect([predated.status, predated.body.message]).toEqual([
      400,
      [`signedOn must not be before the case was opened (${opened} in UTC, ${dayBefore} in a time zone behind it)`],
    ]);
    const declared = await http.post(`/returns/${caseRef}/declaration`, SIGNED_DECLARATION);
    expect([declared.status, declared.body.declarationSignedOn]).toEqual([200, SIGNED_DECLARATION.signedOn]);
    expect(declared.body.counselling).toEqual([
      { heldOn: '2026-11-10', topics: ['return-process', 'rights-and-options'], counsellor: caseWorker.id },
      {
        heldOn: '2026-11-17',
        topics: ['country-of-origin-information', 'reintegration-assistance'],
        counsellor: caseWorker.id,
      },
    ]);
    const lateCounselling = await http.post(`/returns/${caseRef}/counselling`, {
      heldOn: '2026-11-21',
      topics: ['health'],
    });
    expect([lateCounselling.status, lateCounselling.body.message]).toEqual([
      409,
      ['counselling is logged until the declaration is signed, and it is signed'],
    ]);

    const [request] = await waitForMail(caseRef, (m) => m.subject === `Travel document request - case ${caseRef}`);
    expect(request.to).toEqual([TEST_CONSULATES.PK.email]);
    expect(request.text).toContain('KHAN, Amina; born 1990-04-12; nationality PK');
    expect(request.text).toContain(`case reference ${caseRef}`);

    const waiting = await eventually(async () => {
      const { body } = await http.get(`/returns/${caseRef}`);
      return body.waitingFor ? body : undefined;
    });
    expect(waiting.stage).toBe('travel-document');
    expect(waiting.waitingFor).toMatchObject({ what: 'travel document from the consulate', partner: 'consulate' });
    // The test programme's policy gives the consulate PT3S.
    expect(Date.parse(waiting.waitingFor.dueAt) - Date.parse(waiting.waitingFor.since)).toBe(3000);

    const [reminder] = await waitForMail(caseRef, (m) => m.subject.startsWith('Reminder 1: travel document request'));
    expect(reminder.to).toEqual([TEST_CONSULATES.PK.email]);
    // The reminder is counted once its e-mail activity completes, just after the e-mail went out.
    const reminded = await eventually(async () => {
      const { body } = await http.get(`/returns/${caseRef}`);
      return body.waitingFor?.remindersSent >= 1 ? body : undefined;
    });
    expect(reminded.waitingFor.remindersSent).toBeGreaterThanOrEqual(1);

    const recorded = await http.post(`/returns/${caseRef}/travel-document`, ISSUED_DOCUMENT);
    expect([recorded.status, recorded.body.message]).toEqual([200, undefined]);
    expect(recorded.body.travelDocument).toMatchObject({ documentType: 'laissez-passer', documentNumber: '*****6543' });

    const moved = await eventually(async () => {
      const { body } = await http.get(`/returns/${caseRef}`);
      return body.stage === 'travel-arrangements' && body.waitingFor ? body : undefined;
    });
    expect(moved.waitingFor).toMatchObject({ what: 'flights chosen by the case worker' });
    expect(moved.waitingFor.dueAt).toBeUndefined();
    const recordedBy = moved.timeline.find((e: { kind: string }) => e.kind === 'travel-document-recorded');
    expect(recordedBy.actor).toBe(caseWorker.id);
    expect(moved.timeline.find((e: { kind: string }) => e.kind === 'case-opened').actor).toBe(caseWorker.id);
    expect(moved.travelDocument.recordedBy).toBe(caseWorker.id);
    expect(moved.timeline.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining([
        'case-opened',
        'travel-document-requested',
        'travel-document-reminder',
        'travel-document-recorded',
      ]),
    );

    // The rows in PostgreSQL.
    const { rows: cases } = await db.query('SELECT stage, policy_version FROM return_cases WHERE case_ref = $1', [
      caseRef,
    ]);
    expect(cases).toEqual([{ stage: 'travel-arrangements', policy_version: 1 }]);
    const { rows: stages } = await db.query(
      "SELECT summary FROM case_timeline WHERE case_ref = $1 AND kind = 'stage-entered' ORDER BY id",
      [caseRef],
    );
    expect(stages.map((r) => r.summary)).toEqual([
      'Entered stage intake',
      'Entered stage declaration',
      'Entered stage travel-document',
      'Entered stage travel-arrangements',
    ]);
    const { rows: sent } = await db.query(
      'SELECT kind, recipient FROM sent_mail WHERE case_ref = $1 ORDER BY sent_at',
      [caseRef],
    );
    expect(sent[0]).toEqual({ kind: 'travel-document-requested', recipient: TEST_CONSULATES.PK.email });
    expect(sent.length).toBe((await caughtMail()).filter((m) => m.subject.includes(`case ${caseRef}`)).length);

    // The workflow in Temporal: searchable by stage, programme and country, with no personal data in its history.
    const handle = temporal.workflow.getHandle(returnWorkflowId(caseRef));
    const description = await handle.describe();
    expect(description.typedSearchAttributes.get(ReturnStageAttribute)).toBe('travel-arrangements');
    expect(description.typedSearchAttributes.get(ProgrammeCodeAttribute)).toBe(TEST_PROGRAMME);
    expect(description.typedSearchAttributes.get(DestinationCountryAttribute)).toBe('PK');
    const history = await readableHistory(handle);
    expect(history).toContain(caseRef);
    expect(history).toContain(caseWorker.id); // the actor travels with the step, by id, not by name
    expect(history).not.toContain(caseWorker.username);
    for (const personal of ['Amina', 'Khan', '1990-04-12', 'LP9876543', 'Lahore']) {
      expect(history).not.toContain(personal);
    }
    // Not even the document number's last digits (shown masked in the API) are in what the project sent; as a number
    // of their own, since they may well occur inside another (a local activity's completion time in nanoseconds).
    const payloads = await historyPayloads(handle);
    expect(payloads).toContain(caseRef);
    expect(payloads).not.toContain(ISSUED_DOCUMENT.documentNumber);
    expect(payloads).not.toMatch(/(?<!\d)6543(?!\d)/);
    expect((await http.post(`/returns/${caseRef}/withdrawal`, {})).status).toBe(200);
    await eventually(async () => ((await handle.describe()).status.name === 'COMPLETED' ? true : undefined));
    await recordHistoryIfAsked(handle, 'document-then-withdrawn-before-booking');
  });

  it('gives the same return for a repeated start, and refuses the reference for a different one', async () => {
    const caseRef = newCaseRef('IDEM');
    const first = await http.post('/returns', startReturnBody(caseRef));
    const again = await http.post('/returns', startReturnBody(caseRef));
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.workflow.runId).toBe(first.body.workflow.runId);

    const executions = [];
    for await (const execution of temporal.workflow.list({ query: `WorkflowId = '${returnWorkflowId(caseRef)}'` })) {
      executions.push(execution);
    }
    expect(executions).toHaveLength(1);

    const other = await http.post(
      '/returns',
      startReturnBody(caseRef, { destination: { country: 'PK', city: 'Karachi' } }),
    );
    expect(other.status).toBe(409);
    expect(other.body.message[0]).toContain('destination.city');
    const { rows } = await db.query('SELECT destination_city FROM return_cases WHERE case_ref = $1', [caseRef]);
    expect(rows).toEqual([{ destination_city: 'Lahore' }]);
  });

  it('skips the consulate for a returnee with a valid passport, whose passport is recorded without asking anyone', async () => {
    const caseRef = newCaseRef('PASS');
    await startDeclaredReturn(http, startReturnBody(caseRef, { hasValidTravelDocument: true }));
    await eventually(async () => {
      const { body } = await http.get(`/returns/${caseRef}`);
      return body.stage === 'travel-arrangements' && body.waitingFor ? true : undefined;
    });

    // The passport the returnee holds is recorded before booking, so that the flights are checked against it.
    const passport = { documentType: 'passport', documentNumber: 'AB1234567', expiresOn: '2031-01-31' };
    const recorded = await http.post(`/returns/${caseRef}/travel-document`, passport);
    expect([recorded.status, recorded.body.stage]).toEqual([200, 'travel-arrangements']);
    const { rows } = await db.query('SELECT document_type FROM travel_documents WHERE case_ref = $1', [caseRef]);
    expect(rows).toEqual([{ document_type: 'passport' }]);
    const again = await http.post(`/returns/${caseRef}/travel-document`, ISSUED_DOCUMENT);
    expect([again.status, again.body.message]).toEqual([
      409,
      [`a travel document is already recorded for case ${caseRef}`],
    ]);
    expect(await caughtMail().then((all) => all.filter((m) => m.subject.includes(`case ${caseRef}`)))).toEqual([]);
  });

  it('refuses bad input with 400 naming the field, and unknown cases with 404', async () => {
    const invalid = await http.post('/returns', {
      ...startReturnBody('bad ref'),
      hostCountry: 'XX',
      returnee: { givenName: 'A', familyName: 'B', dateOfBirth: '2999-01-01', nationality: 'PK' },
      unexpected: true,
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toEqual(
      expect.arrayContaining([
        'caseRef must be 3 to 40 upper-case letters, digits or dashes',
        'hostCountry must be an ISO 3166-1 alpha-2 country code such as PK',
        'returnee.dateOfBirth must be a date (YYYY-MM-DD) not in the future and at most 130 years ago',
        'property unexpected should not exist',
      ]),
    );

    const caseRef = newCaseRef('NOPROG');
    const unknownProgramme = await http.post('/returns', startReturnBody(caseRef, { programmeCode: 'NO-SUCH' }));
    expect(unknownProgramme.status).toBe(400);
    expect(unknownProgramme.body.message).toEqual(['programmeCode names no programme: "NO-SUCH"']);
    expect((await http.get(`/returns/${caseRef}`)).status).toBe(404);
    const { rows } = await db.query('SELECT 1 FROM return_cases WHERE case_ref = $1', [caseRef]);
    expect(rows).toHaveLength(0);

    expect((await http.post('/returns/NO-SUCH-CASE/travel-document', ISSUED_DOCUMENT)).status).toBe(404);
    const badDocument = await http.post('/returns/NO-SUCH-CASE/travel-document', {
      ...ISSUED_DOCUMENT,
      expiresOn: '2001-01-01',
    });
    expect(badDocument.status).toBe(400);
    expect(badDocument.body.message).toEqual([
      'expiresOn must be a date (YYYY-MM-DD) in the future, at most 30 years ahead',
    ]);
  });

  it('reports health of PostgreSQL and Temporal and publishes its OpenAPI document', async () => {
    const health = await apiClient(api.url).get('/health');
    expect([health.status, health.body]).toEqual([200, { status: 'ok', checks: { database: 'up', temporal: 'up' } }]);
    const openapi = await http.get('/openapi.json');
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining(['/returns', '/returns/{caseRef}', '/returns/{caseRef}/travel-document', '/health']),
    );
    // The docs page takes a token ("Authorize"), and the protected routes say they need one.
    expect(openapi.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(openapi.body.paths['/returns'].post.security).toEqual([{ bearer: [] }]);
    expect(openapi.body.paths['/health'].get.security).toBeUndefined();
    // A client generated from the document can send each step under its Idempotency-Key.
    const steps = Object.entries(openapi.body.paths as Record<string, { post?: { parameters?: { name: string }[] } }>)
      .filter(([path, operations]) => path.startsWith('/returns/{caseRef}/') && operations.post)
      .map(([path, { post }]) => [path, post!.parameters!.some((p) => p.name === 'Idempotency-Key')]);
    expect(steps.length).toBeGreaterThan(20);
    expect(steps.filter(([, keyed]) => !keyed)).toEqual([]);
    // Each step answers the case, says when to send it again, and every refusal has one documented shape.
    const operations = Object.entries(openapi.body.paths as Record<string, Record<string, { responses: any }>>).flatMap(
      ([path, byMethod]) => Object.entries(byMethod).map(([method, op]) => ({ path, method, responses: op.responses })),
    );
    for (const { path, method, responses } of operations.filter((o) => /^\/returns\/\{caseRef\}\//.test(o.path))) {
      expect([path, method, responses['200'].content['application/json'].schema]).toEqual([
        path,
        method,
        { $ref: '#/components/schemas/ReturnView' },
      ]);
      expect([path, responses['503']?.headers?.['Retry-After']]).toEqual([path, expect.anything()]);
    }
    const undocumented = operations.flatMap(({ path, method, responses }) =>
      Object.entries(responses)
        .filter(([status, r]: [string, any]) => Number(status) >= 400 && !r.content?.['application/json']?.schema)
        .map(([status]) => `${method} ${path} ${status}`),
    );
    expect(undocumented).toEqual([]);
    expect(openapi.body.paths['/returns'].post.responses['422']).toBeDefined();
    const docs = await fetch(`${api.url}/docs`);
    expect(docs.status).toBe(200);
  });

  /** A new return, once it waits for the signed declaration. */
  async function waitingForDeclaration(prefix: string): Promise<string> {
    const caseRef = newCaseRef(prefix);
    expect((await http.post('/returns', startReturnBody(caseRef))).status).toBe(201);
    await eventually(async () => {
      const { body } = await http.get(`/returns/${caseRef}`);
      return body.stage === 'declaration' && body.waitingFor ? body : undefined;
    });
    return caseRef;
  }

  it('answers a view asked to wait for a change once the case changes, and 304 when nothing changed', async () => {
    const caseRef = await waitingForDeclaration('WAIT');
    const first = await http.get(`/returns/${caseRef}`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);

    // The same view: 304 without a body, at once without Prefer, after the wait with it.
    const revalidated = await http.call('GET', `/returns/${caseRef}`, undefined, { 'if-none-match': etag });
    expect([revalidated.status, revalidated.body]).toEqual([304, '']);
    const unchanged = await http.call('GET', `/returns/${caseRef}`, undefined, {
      'if-none-match': etag,
      prefer: 'wait=1',
    });
    expect([unchanged.status, unchanged.headers.get('preference-applied')]).toEqual([304, 'wait=1']);

    // Without If-None-Match there is nothing to wait for: the view at once, and no wait applied.
    const plain = await http.call('GET', `/returns/${caseRef}`, undefined, { prefer: 'wait=20' });
    expect([plain.status, plain.headers.get('preference-applied')]).toEqual([200, null]);

    // A wait of 20 seconds answers with the declaration as soon as it is recorded.
    const asked = Date.now();
    const waiting = http.call('GET', `/returns/${caseRef}`, undefined, { 'if-none-match': etag, prefer: 'wait=20' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await http.post(`/returns/${caseRef}/declaration`, SIGNED_DECLARATION)).status).toBe(200);
    const changed = await waiting;
    expect(changed.status).toBe(200);
    expect(Date.now() - asked).toBeLessThan(15_000);
    expect(changed.body.declarationSignedOn).toBe(SIGNED_DECLARATION.signedOn);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('answers a wait at once when the case changed by someone else after the view it names was read', async () => {
    const caseRef = await waitingForDeclaration('WAIT-LATE');
    // The case worker reads the case; then a supervisor records the declaration, and the case worker's screen, still
    // showing the view read before, asks for the next change.
    const seen = (await http.get(`/returns/${caseRef}`)).headers.get('etag')!;
    const supervisor = apiClient(api.url, (await signedInStaff(api.url, ['supervisor'])).token);
    expect((await supervisor.post(`/returns/${caseRef}/declaration`, SIGNED_DECLARATION)).status).toBe(200);
    const asked = Date.now();
    const answer = await http.call('GET', `/returns/${caseRef}`, undefined, {
      'if-none-match': seen,
      prefer: 'wait=30',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.declarationSignedOn).toBe(SIGNED_DECLARATION.signedOn);
    expect(Date.now() - asked).toBeLessThan(15_000);
  });

  it('answers a wait at once when a row the view shows changed with nothing in the timeline', async () => {
    // Refused at intake (a closed destination): no workflow, so nothing else writes to the case.
    const caseRef = newCaseRef('WAIT-ROW');
    const body = startReturnBody(caseRef, { destination: { country: 'SY', city: 'Aleppo' } });
    expect((await http.post('/returns', body)).status).toBe(422);
    const seen = (await http.get(`/returns/${caseRef}`)).headers.get('etag')!;
    // A correction made in the database, as an ops engineer would: no step, no status, no timeline line.
    await db.query(`UPDATE return_cases SET destination_city = 'Homs' WHERE case_ref = $1`, [caseRef]);
    const asked = Date.now();
    const answer = await http.call('GET', `/returns/${caseRef}`, undefined, {
      'if-none-match': seen,
      prefer: 'wait=30',
    });
    expect([answer.status, answer.body.destinationCity]).toEqual([200, 'Homs']);
    expect(Date.now() - asked).toBeLessThan(15_000);
  });
});
