import type { Client } from '@temporalio/client';
import { returnWorkflowId } from '@avrr/contracts';
import { bringHome, caseWhere, flightsTo } from './support/bring-home';
import { startDeclaredReturn } from './support/declared-return';
import { startReturnBody } from './support/fixtures';
import { recordHistoryIfAsked } from './support/histories';
import { apiClient, newCaseRef } from './support/http';
import { publishProgramme, signedInClient } from './support/programmes';
import { runningReturnsStack } from './support/running-apps';

type Http = ReturnType<typeof apiClient>;

const ANSWERS = { income: 4, debt: 3, housing: 4, services: 3, wellbeing: 7 };

/**
 * What staff record while the workflow is busy, or between two of its runs, is never lost or overwritten: a visit
 * recorded while its request cannot go out stays done, and a step sent while the return continues as new is
 * answered in the product's own words.
 */
describe('steps that race the aftercare loop and continue-as-new', () => {
  const stack = runningReturnsStack();
  let http: Http;
  let admin: Http;
  let monitor: Http;
  let temporal: Client;
  let programme: string;

  beforeAll(async () => {
    temporal = stack.temporal;
    const as = (roles: Parameters<typeof signedInClient>[1]) => signedInClient(stack.api.url, roles);
    [http, admin, monitor] = await Promise.all([as(['case-worker']), as(['administrator']), as(['monitor'])]);
    programme = await publishProgramme(stack.api.url, 'RACE', 'One follow-up soon after arrival', (policy) => ({
      ...policy,
      reintegration: {
        ...policy.reintegration,
        monitoring: {
          offsets: ['PT6S'],
          visit: { dueAfter: 'PT3S', reminderEvery: 'PT3S', escalateAfter: 'PT6S' },
          missedAfter: 'PT10S',
        },
      },
    }));
  });

  it('keeps a visit staff recorded while its request could not go out, instead of marking it requested, then missed', async () => {
    const mission = { kind: 'mission', place: 'GH', name: 'IOM Ghana', email: 'mission.gh@partners.test' };
    expect((await admin.post('/partners', mission)).status).toBe(201);
    const caseRef = newCaseRef('VISITRACE');
    // Ghana is no mission country of the programme: the case goes to monitoring only.
    const home = await bringHome(
      http,
      caseRef,
      { programmeCode: programme, destination: { country: 'GH', city: 'Accra' } },
      'ACC',
    );
    expect(home.stage).toBe('monitoring');

    // The mission leaves the directory: the visit's request fails, retried, until it is back.
    const [listed] = (await admin.get('/partners?kind=mission&place=GH')).body;
    expect((await admin.call('DELETE', `/partners/${listed.id}`)).status).toBe(204);
    await caseWhere(http, caseRef, (b) => b.blockedBy.some((line: string) => line.startsWith('requestVisit')), 40_000);
    const recorded = await monitor.post(`/returns/${caseRef}/monitoring-visits`, {
      followUp: 1,
      visitedOn: new Date().toISOString().slice(0, 10),
      answers: ANSWERS,
    });
    expect([recorded.status, recorded.body.message]).toEqual([200, undefined]);
    expect((await admin.post('/partners', mission)).status).toBe(201);

    // Past the time a visit counts as missed, it is still the visit staff recorded.
    const settled = await caseWhere(
      http,
      caseRef,
      (b) => b.blockedBy.length === 0 && b.workflow.status === 'RUNNING',
      40_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    const after = (await http.get(`/returns/${caseRef}`)).body;
    expect(after.reintegration.visits).toEqual([expect.objectContaining({ followUp: 1, status: 'done' })]);
    expect(after.timeline.map((e: { kind: string }) => e.kind)).not.toContain('monitoring-visit-missed');
    expect(settled.workflow.workflowId).toBe(returnWorkflowId(caseRef));
    expect((await temporal.workflow.getHandle(returnWorkflowId(caseRef)).describe()).status.name).not.toBe('FAILED');
  });

  it('does not count a visit as missed while the mission has the time a supervisor gave it', async () => {
    const mission = { kind: 'mission', place: 'SN', name: 'IOM Senegal', email: 'mission.sn@partners.test' };
    expect((await admin.post('/partners', mission)).status).toBe(201);
    const supervisor = await signedInClient(stack.api.url, ['supervisor']);
    const caseRef = newCaseRef('VISITTIME');
    const home = await bringHome(
      http,
      caseRef,
      { programmeCode: programme, destination: { country: 'SN', city: 'Dakar' } },
      'DSS',
    );
    expect(home.stage).toBe('monitoring');
    await caseWhere(http, caseRef, (b) => b.waitingFor?.what === 'monitoring visit 1 of 1 from the mission', 30_000);
    // Missed 10 s after its follow-up under this policy: the supervisor gives the mission an hour.
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const extended = await supervisor.post(`/returns/${caseRef}/unstick`, {
      action: 'extend',
      until,
      reason: 'The mission visits next week',
    });
    expect([extended.status, extended.body.waitingFor?.dueAt]).toEqual([200, until]);
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    const waiting = (await http.get(`/returns/${caseRef}`)).body;
    expect(waiting.waitingFor).toMatchObject({ what: 'monitoring visit 1 of 1 from the mission', dueAt: until });
    expect(waiting.timeline.map((e: { kind: string }) => e.kind)).not.toContain('monitoring-visit-missed');

    // The run the supervisor acted in: recording the visit continues the return as new.
    const { runId } = await temporal.workflow.getHandle(returnWorkflowId(caseRef)).describe();
    const visitedOn = new Date().toISOString().slice(0, 10);
    const recorded = await monitor.post(`/returns/${caseRef}/monitoring-visits`, {
      followUp: 1,
      visitedOn,
      answers: ANSWERS,
    });
    expect(recorded.status).toBe(200);
    await caseWhere(http, caseRef, (b) => b.waitingFor?.what === 'closure by a supervisor');
    await recordHistoryIfAsked(temporal.workflow.getHandle(returnWorkflowId(caseRef), runId), 'mission-visit-unstuck');
  }, 90_000);

  it('answers a step sent while the return continues as new with its own words, never Temporal’s', async () => {
    const caseRef = newCaseRef('CANGAP');
    await startDeclaredReturn(
      http,
      startReturnBody(caseRef, { hasValidTravelDocument: true, programmeCode: programme }),
    );
    const step = (name: string, body: unknown = {}) => http.post(`/returns/${caseRef}/${name}`, body);
    await caseWhere(http, caseRef, (b) => b.waitingFor?.what === 'flights chosen by the case worker');
    expect((await step('flights', { segments: flightsTo('LHE') })).status).toBe(200);
    await caseWhere(http, caseRef, (b) => b.stage === 'departure' && b.waitingFor?.partner === 'airport-assistance');
    expect((await step('departure')).status).toBe(200);
    await caseWhere(http, caseRef, (b) => b.stage === 'transit' && Boolean(b.waitingFor));
    expect((await step('transit', { airport: 'IST' })).status).toBe(200);
    await caseWhere(http, caseRef, (b) => b.stage === 'arrival' && Boolean(b.waitingFor));
    expect((await step('arrival')).status).toBe(200);
    await caseWhere(http, caseRef, (b) => b.stage === 'onward-travel' && Boolean(b.waitingFor));

    // The plan is sent again and again from the moment onward travel is confirmed, through the new run's start.
    const plan = { items: [{ category: 'education', description: 'Fees', amount: 500 }] };
    const onward = step('onward-travel');
    const answers: { status: number; message?: string[] }[] = [];
    for (let i = 0; i < 200; i++) {
      const { status, body } = await step('reintegration-plan', plan);
      answers.push({ status, message: body.message });
      if (status === 200) break;
    }
    expect((await onward).status).toBe(200);
    expect(answers[answers.length - 1].status).toBe(200);
    for (const { status, message } of answers.slice(0, -1)) {
      expect(status).toBe(409);
      expect(message?.[0]).not.toMatch(/handler|update|Temporal/i);
      expect(message?.[0]).toMatch(/stage|moves on|try again/);
    }
    const { body } = await http.get(`/returns/${caseRef}`);
    expect(body.timeline.filter((e: { kind: string }) => e.kind === 'plan-recorded')).toHaveLength(1);
  });
});
