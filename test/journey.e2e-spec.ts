import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { returnWorkflowId } from '@avrr/contracts';
import { caughtMail, waitForMail } from './support/caught-mail';
import { startDeclaredReturn } from './support/declared-return';
import { eventually } from './support/eventually';
import { SIGNED_DECLARATION, startReturnBody, testPolicy } from './support/fixtures';
import { recordHistoryIfAsked } from './support/histories';
import { apiClient, newCaseRef } from './support/http';
import { publishProgramme, signedInClient } from './support/programmes';
import { runningReturnsStack, type RunningApi } from './support/running-apps';
import { signedInStaff, type SignedIn } from './support/staff';
import { TEST_CONSULATES } from './support/test-env';

/** From intake to the travel document: what a case worker meets when things do not go to plan. */
describe('the first half of the journey, when things do not go to plan', () => {
  const stack = runningReturnsStack();
  let api: RunningApi;
  let caseWorker: SignedIn;
  let http: ReturnType<typeof apiClient>;
  let temporal: Client;

  beforeAll(async () => {
    ({ api, temporal } = stack);
    caseWorker = await signedInStaff(api.url, ['case-worker']);
    http = apiClient(api.url, caseWorker.token);
  });

  const startDeclared = (caseRef: string, overrides: Record<string, unknown> = {}) =>
    startDeclaredReturn(http, startReturnBody(caseRef, overrides));
  const completed = (caseRef: string) =>
    eventually(async () => {
      const { body } = await http.get(`/returns/${caseRef}`);
      return body.workflow?.status === 'COMPLETED' ? body : undefined;
    });

  it('reminds a silent consulate, then escalates to the programme supervisors, telling them only what they need', async () => {
    const caseRef = newCaseRef('SILENT');
    await startDeclared(caseRef, {
      dependants: [{ givenName: 'Omar', familyName: 'Khan', dateOfBirth: '2015-06-01', nationality: 'PK' }],
      vulnerabilities: ['medical-need'],
    });

    const [request] = await waitForMail(caseRef, (m) => m.subject.startsWith('Travel document request'));
    expect(request.to).toEqual([TEST_CONSULATES.PK.email]);
    expect(request.text).toContain('KHAN, Amina; born 1990-04-12; nationality PK');
    expect(request.text).toContain('KHAN, Omar; born 2015-06-01; nationality PK');
    for (const notTheirs of ['medical', 'rejected-asylum-seeker', 'Lahore'])
      expect(request.text).not.toContain(notTheirs);

    const [escalation] = await waitForMail(caseRef, (m) => m.subject.startsWith('Escalation'), { timeoutMs: 30_000 });
    expect(escalation.to).toEqual(testPolicy().escalationContacts);
    expect(escalation.subject).toBe(`Escalation: travel document overdue - case ${caseRef}`);
    expect(escalation.text).toContain(TEST_CONSULATES.PK.name);
    for (const personal of ['Amina', 'Omar', 'Khan', 'KHAN', '1990-04-12'])
      expect(escalation.text).not.toContain(personal);
    expect(
      (await waitForMail(caseRef, (m) => m.subject.startsWith('Reminder'), { count: 2 })).length,
    ).toBeGreaterThanOrEqual(2);

    const escalated = await eventually(async () => {
      const { body } = await http.get(`/returns/${caseRef}`);
      return body.waitingFor?.escalatedAt ? body : undefined;
    });
    expect(escalated.stage).toBe('travel-document');
    // Only once, however long the consulate stays silent.
    expect((await caughtMail()).filter((m) => m.subject === escalation.subject)).toHaveLength(1);

    expect((await http.post(`/returns/${caseRef}/withdrawal`, {})).status).toBe(200);
    // The supervisors who were asked to follow up are told they need not.
    const [settled] = await waitForMail(caseRef, (m) => m.subject.startsWith('No action needed'));
    expect(settled.to).toEqual(testPolicy().escalationContacts);
    expect(settled.subject).toBe(`No action needed: escalation withdrawn - case ${caseRef}`);
    expect(settled.text).toContain('(awaited: travel document from the consulate)');
    for (const personal of ['Amina', 'Omar', 'Khan', 'KHAN', '1990-04-12'])
      expect(settled.text).not.toContain(personal);
    await completed(caseRef);
    await recordHistoryIfAsked(
      temporal.workflow.getHandle(returnWorkflowId(caseRef)),
      'escalated-then-withdrawn-settled-told',
    );
  });

  it('sends the request again, not an overdue reminder, when a supervisor resends it before it is due', async () => {
    const programme = await publishProgramme(api.url, 'ONTIME', 'A consulate with two weeks', (p) => ({
      ...p,
      travelDocument: { dueAfter: 'P14D', reminderEvery: 'P7D', escalateAfter: 'P28D' },
    }));
    const caseRef = newCaseRef('ONTIME');
    await startDeclared(caseRef, { programmeCode: programme });
    await waitForMail(caseRef, (m) => m.subject.startsWith('Travel document request'));
    const supervisor = await signedInClient(api.url, ['supervisor']);
    await eventually(async () => {
      const resent = await supervisor.post(`/returns/${caseRef}/unstick`, { action: 'resend', reason: 'They lost it' });
      return resent.status === 200 ? true : undefined;
    });
    const requests = await waitForMail(caseRef, (m) => m.subject.startsWith('Travel document request'), { count: 2 });
    expect(requests.map((m) => m.to[0])).toEqual([TEST_CONSULATES.PK.email, TEST_CONSULATES.PK.email]);
    expect(
      (await caughtMail()).filter((m) => m.subject === `Reminder 1: travel document request - case ${caseRef}`),
    ).toEqual([]);
    const { runId } = await temporal.workflow.getHandle(returnWorkflowId(caseRef)).describe();
    expect((await http.post(`/returns/${caseRef}/withdrawal`, {})).status).toBe(200);
    await completed(caseRef);
    // Sent twice, it is one request: the consulate is told once that it is withdrawn.
    const withdrawn = (await caughtMail()).filter(
      (m) => m.text.includes(caseRef) && m.subject.startsWith('Request withdrawn'),
    );
    expect(withdrawn.map((m) => m.to[0])).toEqual([TEST_CONSULATES.PK.email]);
    await recordHistoryIfAsked(
      temporal.workflow.getHandle(returnWorkflowId(caseRef), runId),
      'request-resent-then-withdrawn-told-once',
    );
  });

  it('cancels the consulate request when the returnee withdraws while the document is pending', async () => {
    const caseRef = newCaseRef('WITHDRAW');
    await startDeclared(caseRef);
    await waitForMail(caseRef, (m) => m.subject.startsWith('Travel document request'));

    const withdrawn = await http.post(`/returns/${caseRef}/withdrawal`, {});
    expect(withdrawn.status).toBe(200);
    const [cancellation] = await waitForMail(caseRef, (m) => m.subject.startsWith('Request withdrawn'));
    expect(cancellation.to).toEqual([TEST_CONSULATES.PK.email]);
    expect(cancellation.text).not.toContain('Amina');

    const closed = await completed(caseRef);
    expect(closed).toMatchObject({ stage: 'closed', outcome: 'withdrawn', waitingFor: null });
    expect(closed.outcomeReason).toBe('withdrawn by the returnee while the travel document was requested');
    const description = await temporal.workflow.getHandle(returnWorkflowId(caseRef)).describe();
    expect(description.raw.pendingActivities ?? []).toEqual([]);
    // The same request under its key is a repeat (same answer, no second effect); a new withdrawal is refused.
    const key = { 'idempotency-key': `withdraw-${caseRef}` };
    expect((await http.call('POST', `/returns/${caseRef}/withdrawal`, {}, key)).status).toBe(409);
    expect((await http.call('POST', `/returns/${caseRef}/withdrawal`, {}, key)).status).toBe(409);
    expect((await http.post(`/returns/${caseRef}/withdrawal`, {})).status).toBe(409);
    expect(await waitForMail(caseRef, (m) => m.subject.startsWith('Request withdrawn'))).toHaveLength(1);
    await recordHistoryIfAsked(
      temporal.workflow.getHandle(returnWorkflowId(caseRef)),
      'withdrawn-while-document-pending',
    );
  });

  it('expires a case whose declaration is never signed, and asks no partner', async () => {
    const admin = await signedInStaff(api.url, ['administrator']);
    const programme = `EXP-${process.pid}-${Date.now().toString(36).toUpperCase()}`;
    const created = await apiClient(api.url, admin.token).post('/programmes', {
      code: programme,
      name: 'Declarations within two seconds',
      policy: testPolicy({ declarationWithin: 'PT2S' }),
    });
    expect(created.status).toBe(201);

    const caseRef = newCaseRef('EXPIRE');
    expect((await http.post('/returns', startReturnBody(caseRef, { programmeCode: programme }))).status).toBe(201);
    const closed = await completed(caseRef);
    expect(closed).toMatchObject({ stage: 'closed', outcome: 'declaration-expired' });
    expect(closed.outcomeReason).toBe('no signed declaration within PT2S');
    expect((await caughtMail()).filter((m) => m.subject.includes(`case ${caseRef}`))).toEqual([]);
    expect((await http.post(`/returns/${caseRef}/declaration`, SIGNED_DECLARATION)).status).toBe(409);
    await recordHistoryIfAsked(temporal.workflow.getHandle(returnWorkflowId(caseRef)), 'declaration-expired');
  });

  it('waits visibly while the destination has no consulate, and goes on once one is added', async () => {
    const caseRef = newCaseRef('NOCONSUL');
    const returnee = { givenName: 'Amina', familyName: 'Khan', dateOfBirth: '1990-04-12', nationality: 'BJ' };
    await startDeclared(caseRef, { destination: { country: 'BJ', city: 'Cotonou' }, returnee });
    const blocked = await eventually(
      async () => {
        const { body } = await http.get(`/returns/${caseRef}`);
        return body.blockedBy.length ? body : undefined;
      },
      { timeoutMs: 20_000 },
    );
    expect(blocked.stage).toBe('travel-document');
    expect(blocked.blockedBy[0]).toMatch(
      /^requestTravelDocument: no consulate for BJ in the partner directory \(attempt \d+\)$/,
    );

    const admin = await signedInStaff(api.url, ['administrator']);
    const consulate = {
      kind: 'consulate',
      place: 'BJ',
      name: 'Consulate of Benin',
      email: 'consulate.bj@partners.test',
    };
    expect((await apiClient(api.url, admin.token).post('/partners', consulate)).status).toBe(201);
    const [request] = await waitForMail(caseRef, (m) => m.subject.startsWith('Travel document request'), {
      timeoutMs: 45_000,
    });
    expect(request.to).toEqual([consulate.email]);
    // The e-mail goes out just before the activity completes: the case stops showing it blocked right after.
    await eventually(async () => ((await http.get(`/returns/${caseRef}`)).body.blockedBy.length ? undefined : true));
    expect((await http.post(`/returns/${caseRef}/withdrawal`, {})).status).toBe(200);
  }, 90_000);

  it('asks the consulate nothing once staff recorded the document while the request could not go out', async () => {
    const caseRef = newCaseRef('DOCFIRST');
    const returnee = { givenName: 'Amina', familyName: 'Khan', dateOfBirth: '1990-04-12', nationality: 'TG' };
    await startDeclared(caseRef, { destination: { country: 'TG', city: 'Lome' }, returnee });
    await eventually(async () => ((await http.get(`/returns/${caseRef}`)).body.blockedBy.length ? true : undefined), {
      timeoutMs: 20_000,
    });
    const document = { documentType: 'passport', documentNumber: 'TG1234567', expiresOn: '2031-01-31' };
    expect((await http.post(`/returns/${caseRef}/travel-document`, document)).status).toBe(200);

    const admin = apiClient(api.url, (await signedInStaff(api.url, ['administrator'])).token);
    const consulate = {
      kind: 'consulate',
      place: 'TG',
      name: 'Consulate of Togo',
      email: 'consulate.tg@partners.test',
    };
    expect((await admin.post('/partners', consulate)).status).toBe(201);
    await eventually(
      async () => ((await http.get(`/returns/${caseRef}`)).body.stage === 'travel-arrangements' ? true : undefined),
      { timeoutMs: 45_000 },
    );
    expect((await caughtMail()).filter((m) => m.subject.includes(caseRef))).toEqual([]);
    expect((await http.post(`/returns/${caseRef}/withdrawal`, {})).status).toBe(200);
  }, 90_000);

  it.each([
    [
      'an ineligible target group',
      { targetGroup: 'stranded-migrant' },
      'target group stranded-migrant is not eligible',
    ],
    ['a closed destination', { destination: { country: 'SY', city: 'Aleppo' } }, 'destination SY is closed for return'],
  ])('refuses %s at intake with the reason, and starts no return', async (_, overrides, reason) => {
    const admin = await signedInStaff(api.url, ['administrator']);
    const programme = `ELIG-${process.pid}-${Date.now().toString(36).toUpperCase()}`;
    await apiClient(api.url, admin.token).post('/programmes', {
      code: programme,
      name: 'Not for stranded migrants; Syria closed',
      policy: testPolicy({ eligibleTargetGroups: ['rejected-asylum-seeker'], closedDestinations: ['SY'] }),
    });
    const caseRef = newCaseRef('REFUSED');
    const refused = await http.post('/returns', startReturnBody(caseRef, { programmeCode: programme, ...overrides }));
    expect(refused.status).toBe(422);
    expect(refused.body.message[0]).toBe(`${reason} under ${programme} policy v1`);
    expect(
      (await http.post('/returns', startReturnBody(caseRef, { programmeCode: programme, ...overrides }))).status,
    ).toBe(422);

    const view = await http.get(`/returns/${caseRef}`);
    expect(view.body).toMatchObject({ stage: 'closed', outcome: 'ineligible', workflow: null });
    expect(view.body.outcomeReason).toBe(`${reason} under ${programme} policy v1`);
    await expect(temporal.workflow.getHandle(returnWorkflowId(caseRef)).describe()).rejects.toBeInstanceOf(
      WorkflowNotFoundError,
    );
    expect((await http.post(`/returns/${caseRef}/withdrawal`, {})).status).toBe(409);
  });
});
