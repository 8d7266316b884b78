import type { Client } from '@temporalio/client';
import { returnWorkflowId } from '@avrr/contracts';
import { bringHome, caseWhere } from './support/bring-home';
import { waitForMail } from './support/caught-mail';
import { testPolicy } from './support/fixtures';
import { recordHistoryIfAsked } from './support/histories';
import { apiClient, newCaseRef } from './support/http';
import { runningReturnsStack, type RunningApi } from './support/running-apps';
import { signedInStaff } from './support/staff';
import { TEST_JOURNEY_PARTNERS } from './support/test-env';

const MISSION_NG = TEST_JOURNEY_PARTNERS.find((p) => p.kind === 'mission' && p.place === 'NG')!;

/** A return to a country where the programme has no mission: no reintegration, and a follow-up nobody records. */
describe('monitoring without reintegration', () => {
  const stack = runningReturnsStack();
  let api: RunningApi;
  let temporal: Client;
  let caseWorker: ReturnType<typeof apiClient>;
  let supervisor: ReturnType<typeof apiClient>;
  let programme: string;

  beforeAll(async () => {
    ({ api, temporal } = stack);
    caseWorker = apiClient(api.url, (await signedInStaff(api.url, ['case-worker'])).token);
    supervisor = apiClient(api.url, (await signedInStaff(api.url, ['supervisor'])).token);
    const admin = apiClient(api.url, (await signedInStaff(api.url, ['administrator'])).token);
    programme = `NOMISSION-${process.pid}-${Date.now().toString(36).toUpperCase()}`;
    const policy = testPolicy();
    const created = await admin.post('/programmes', {
      code: programme,
      name: 'A mission in Pakistan only; follow-ups in seconds',
      policy: {
        ...policy,
        missionCountries: ['PK'],
        reintegration: {
          ...policy.reintegration,
          monitoring: {
            offsets: ['PT4S', 'PT60S'],
            visit: { dueAfter: 'PT2S', reminderEvery: 'PT2S', escalateAfter: 'PT4S' },
            missedAfter: 'PT7S',
          },
        },
      },
    });
    expect(created.status).toBe(201);
  });

  it('skips reintegration where the programme has no mission, records a missed visit, and closes as lost contact', async () => {
    const caseRef = newCaseRef('NOMISSION');
    const home = await bringHome(
      caseWorker,
      caseRef,
      { programmeCode: programme, destination: { country: 'NG', city: 'Benin City' } },
      'LOS',
    );
    expect(home.stage).toBe('monitoring');
    const reason = `no IOM mission in NG under programme ${programme} (policy v1)`;
    expect(home.timeline.find((e: { kind: string }) => e.kind === 'reintegration-not-eligible')?.summary).toBe(
      `No reintegration: ${reason}`,
    );
    const plan = await caseWorker.post(`/returns/${caseRef}/reintegration-plan`, {
      items: [{ category: 'basic-goods', description: 'Household goods', amount: 100 }],
    });
    expect([plan.status, plan.body.message]).toEqual([409, [`the case has no reintegration: ${reason}`]]);

    // The mission is asked for the visit, reminded, escalated; nobody records it, so it is recorded as missed.
    const [request] = await waitForMail(caseRef, (m) => m.subject === `Monitoring visit 1 - case ${caseRef}`);
    expect(request.to).toEqual([MISSION_NG.email]);
    // The mission reads which survey to take, with each question's scale: the version the case was opened under.
    expect(request.text).toContain('The survey (version rss-test-1)');
    expect(request.text).toContain('- income (economic): 1 to 5');
    expect(request.text).toContain('- How is your well-being? (psychosocial): 0 to 10');
    // The run that asks for the visit is the one that records it missed (the next run waits for visit 2).
    const { runId } = await temporal.workflow.getHandle(returnWorkflowId(caseRef)).describe();
    await waitForMail(caseRef, (m) => m.subject === `Reminder 1: monitoring visit 1 - case ${caseRef}`);
    const [escalation] = await waitForMail(caseRef, (m) => m.subject.startsWith('Escalation: monitoring visit 1'));
    expect(escalation.to).toEqual(testPolicy().escalationContacts);
    const missed = await caseWhere(caseWorker, caseRef, (b) => b.reintegration.visits.length === 1);
    expect(missed.reintegration.visits).toEqual([
      expect.objectContaining({ followUp: 1, status: 'missed', scores: null, recordedBy: 'system' }),
    ]);
    expect(missed.timeline.map((e: { kind: string }) => e.kind)).toContain('monitoring-visit-missed');
    // The mission, which was asked for it, is told it is no longer expected.
    const [lapsed] = await waitForMail(caseRef, (m) => m.subject.startsWith('No longer expected: monitoring visit 1'));
    expect(lapsed.to).toEqual([MISSION_NG.email]);
    const late = await caseWorker.post(`/returns/${caseRef}/monitoring-visits`, {
      followUp: 1,
      visitedOn: new Date().toISOString().slice(0, 10),
      answers: { income: 3, debt: 3, housing: 3, services: 3, wellbeing: 5 },
    });
    expect([late.status, late.body.message]).toEqual([409, ['the next follow-up is number 2, not 1']]);
    await caseWhere(caseWorker, caseRef, (b) =>
      b.waitingFor?.what?.startsWith('monitoring visit 2 of 2 from the mission'),
    );

    const completed = await supervisor.post(`/returns/${caseRef}/closure`, { outcome: 'completed' });
    expect([completed.status, completed.body.message]).toEqual([
      409,
      ['a case is completed after its last follow-up; before it, close it as lost-contact, re-migrated or deceased'],
    ]);
    expect((await supervisor.post(`/returns/${caseRef}/closure`, { outcome: 'lost-contact' })).status).toBe(200);
    const closed = await caseWhere(caseWorker, caseRef, (b) => b.workflow.status === 'COMPLETED');
    expect(closed).toMatchObject({ stage: 'closed', outcome: 'lost-contact' });
    expect(
      (await caseWorker.get(`/returns?outcome=lost-contact&pageSize=200`)).body.items.map((c: any) => c.caseRef),
    ).toContain(caseRef);
    await recordHistoryIfAsked(
      temporal.workflow.getHandle(returnWorkflowId(caseRef), runId),
      'monitoring-missed-visit-told',
    );
  }, 60_000);
  it('lets a supervisor give the mission time for a visit up to the next follow-up, not past it', async () => {
    const caseRef = newCaseRef('VISITCAP');
    await bringHome(
      caseWorker,
      caseRef,
      { programmeCode: programme, destination: { country: 'NG', city: 'Benin City' } },
      'LOS',
    );
    await waitForMail(caseRef, (m) => m.subject === `Monitoring visit 1 - case ${caseRef}`);
    const extend = (until: string) =>
      supervisor.post(`/returns/${caseRef}/unstick`, { action: 'extend', until, reason: 'The mission is busy' });
    // Visit 2 follows a minute after arrival: visit 1 cannot hold it back a day.
    const tooFar = await extend(new Date(Date.now() + 86_400_000).toISOString());
    expect([tooFar.status, tooFar.body.message?.[0]]).toEqual([
      409,
      expect.stringMatching(/^the due date can be moved up to \S+, when the next follow-up is asked$/),
    ]);
    const until = new Date(Date.now() + 20_000).toISOString();
    const within = await extend(until);
    expect([within.status, within.body.waitingFor?.dueAt]).toEqual([200, until]);
    expect((await supervisor.post(`/returns/${caseRef}/closure`, { outcome: 'lost-contact' })).status).toBe(200);
  }, 60_000);
});
