import type { Client } from '@temporalio/client';
import {
  DestinationCountryAttribute,
  ProgrammeCodeAttribute,
  ReturnStageAttribute,
  returnWorkflowId,
} from '@avrr/contracts';
import { bringHome, caseWhere } from './support/bring-home';
import { caughtMail, waitForMail } from './support/caught-mail';
import { eventually } from './support/eventually';
import { testPolicy } from './support/fixtures';
import { recordHistoryIfAsked } from './support/histories';
import { apiClient, newCaseRef } from './support/http';
import { paymentProvider } from './support/sandboxes';
import { runningReturnsStack, type RunningApi } from './support/running-apps';
import { signedInStaff } from './support/staff';
import { TEST_JOURNEY_PARTNERS } from './support/test-env';

const MISSION_PK = TEST_JOURNEY_PARTNERS.find((p) => p.kind === 'mission' && p.place === 'PK')!;

/**
 * After arrival, with compressed policy durations: the plan, disbursements by voucher and vendor payment through
 * the sandbox payment provider, finance approval by a second person, and three monitoring visits.
 */
describe('reintegration: a plan, vouchers and vendors, never cash, and follow-up visits', () => {
  const stack = runningReturnsStack();
  let api: RunningApi;
  let temporal: Client;
  let staff: Record<'caseWorker' | 'supervisor' | 'finance' | 'dual' | 'monitor', ReturnType<typeof apiClient>>;
  let financeId: string;
  let programme: string;
  /** Vouchers valid PT4S. */
  let shortVouchers: string;
  /** The plan due PT2S after arrival. */
  let latePlans: string;

  beforeAll(async () => {
    ({ api, temporal } = stack);
    const as = async (roles: Parameters<typeof signedInStaff>[1]) => {
      const signedIn = await signedInStaff(api.url, roles);
      return { http: apiClient(api.url, signedIn.token), id: signedIn.id };
    };
    const [caseWorker, supervisor, finance, dual, monitor, admin] = await Promise.all([
      as(['case-worker']),
      as(['supervisor']),
      as(['finance-officer']),
      as(['case-worker', 'finance-officer']),
      as(['monitor']),
      as(['administrator']),
    ]);
    staff = {
      caseWorker: caseWorker.http,
      supervisor: supervisor.http,
      finance: finance.http,
      dual: dual.http,
      monitor: monitor.http,
    };
    financeId = finance.id;

    const policy = testPolicy();
    const publish = async (code: string, voucherValidFor: string, plan = policy.reintegration.plan) => {
      const created = await admin.http.post('/programmes', {
        code,
        name: 'Reintegration with follow-ups in seconds',
        policy: {
          ...policy,
          reintegration: {
            ...policy.reintegration,
            voucherValidFor,
            plan,
            // The first follow-up leaves time for the plan and three tranches, even on a loaded machine.
            monitoring: {
              offsets: ['PT30S', 'PT36S', 'PT42S'],
              visit: { dueAfter: 'PT3S', reminderEvery: 'PT3S', escalateAfter: 'PT6S' },
              missedAfter: 'PT20S',
            },
          },
        },
      });
      expect(created.status).toBe(201);
      return code;
    };
    const suffix = `${process.pid}-${Date.now().toString(36).toUpperCase()}`;
    programme = await publish(`REINT-${suffix}`, 'P30D');
    shortVouchers = await publish(`VOUCH-${suffix}`, 'PT4S');
    latePlans = await publish(`PLAN-${suffix}`, 'P30D', {
      dueAfter: 'PT2S',
      reminderEvery: 'PT2S',
      escalateAfter: 'PT5S',
    });
  });

  const post = (http: ReturnType<typeof apiClient>, caseRef: string, step: string, body: unknown = {}) =>
    http.post(`/returns/${caseRef}/${step}`, body);
  const tranche = (caseRef: string, n: number, holds: (t: any) => boolean) =>
    caseWhere(staff.caseWorker, caseRef, (b) => {
      const t = b.reintegration.disbursements.find((d: { tranche: number }) => d.tranche === n);
      return Boolean(t && holds(t));
    });

  it('funds a business plan by two vouchers and a vendor payment, each approved by a second person and paid once, then follows the returnee up three times', async () => {
    const caseRef = newCaseRef('REINT');
    const { caseWorker, supervisor, finance, dual, monitor } = staff;
    const home = await bringHome(caseWorker, caseRef, { programmeCode: programme });
    expect(home).toMatchObject({ stage: 'reintegration' });
    expect(home.waitingFor).toMatchObject({ what: 'reintegration plan from the mission', partner: 'mission' });
    const [planRequest] = await waitForMail(caseRef, (m) => m.subject === `Reintegration plan - case ${caseRef}`);
    expect(planRequest.to).toEqual([MISSION_PK.email]);
    // The mission learns what the plan may cost before it meets the returnee: the ceiling the API holds it to below.
    expect(planRequest.text).toContain(
      'The plan may cost at most 2000.00 EUR: 2000.00 per adult (1) and 1000.00 per child (0)',
    );
    const firstRun = home.workflow.runId;
    // A follow-up some seconds after arrival in this programme (months in a real one): not recorded before its date.
    const tooSoon = await post(monitor, caseRef, 'monitoring-visits', {
      followUp: 1,
      visitedOn: new Date().toISOString().slice(0, 10),
      answers: { income: 1, debt: 1, housing: 1, services: 1, wellbeing: 1 },
    });
    expect([tooSoon.status, JSON.stringify(tooSoon.body)]).toEqual([
      409,
      expect.stringMatching(/follow-up 1 is due from \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/),
    ]);

    const early = await post(caseWorker, caseRef, 'disbursements', {
      method: 'voucher',
      amount: 100,
      vendorCategory: 'food',
    });
    expect([early.status, early.body.message]).toEqual([
      409,
      ['the reintegration plan must be approved before any disbursement'],
    ]);
    const tooBig = await post(caseWorker, caseRef, 'reintegration-plan', {
      items: [{ category: 'business-set-up', description: 'A taxi', amount: 2500 }],
    });
    expect([tooBig.status, tooBig.body.message]).toEqual([
      400,
      [
        "items total 2500.00 EUR exceeds the programme's ceiling of 2000.00 EUR (1 adult(s) x 2000.00, 0 child(ren) x 1000.00)",
      ],
    ]);
    const unknown = await post(caseWorker, caseRef, 'reintegration-plan', {
      items: [{ category: 'cash', description: 'Pocket money', amount: 100 }],
    });
    expect([unknown.status, unknown.body.message]).toEqual([
      400,
      [expect.stringMatching(/^items\.0\.category must be one of: /)],
    ]);
    const planned = await post(caseWorker, caseRef, 'reintegration-plan', {
      items: [
        { category: 'business-set-up', description: 'Bicycle repair shop: tools and first stock', amount: 1200 },
        { category: 'vocational-training', description: 'Course in bicycle mechanics', amount: 300 },
      ],
    });
    expect(planned.status).toBe(200);
    expect(planned.body.reintegration.plan).toMatchObject({ total: '1500.00', currency: 'EUR', approvedBy: null });
    expect((await post(caseWorker, caseRef, 'reintegration-plan/approval')).status).toBe(403); // supervisors approve
    // The approvals waiting for a second person are found from the list, not by opening every case.
    const awaiting = async (what: string, as = supervisor) =>
      ((await as.get(`/returns?awaiting=${what}&pageSize=200`)).body.items as { caseRef: string }[]).map(
        (c) => c.caseRef,
      );
    expect(await awaiting('plan-approval')).toContain(caseRef);
    const approved = await post(supervisor, caseRef, 'reintegration-plan/approval');
    expect(approved.status).toBe(200);
    expect(await awaiting('plan-approval')).not.toContain(caseRef);
    // Nothing is asked of the mission before the first follow-up's date: the case waits on no one until then.
    expect(approved.body.waitingFor).toMatchObject({ partner: 'mission', askedOn: expect.any(String) });
    expect(approved.body.waitingFor.what).toMatch(/^monitoring visit 1 of 3 from the mission, to be asked of it on /);
    const waitingOnMission = await caseWorker.get(`/returns?partner=mission:PK&pageSize=200`);
    expect(waitingOnMission.body.items.map((c: { caseRef: string }) => c.caseRef)).not.toContain(caseRef);
    expect(approved.body.reintegration.budget).toEqual({
      currency: 'EUR',
      approved: '1500.00',
      committed: '0.00',
      remaining: '1500.00',
    });

    // Cash is refused, whoever asks.
    const cash = await post(caseWorker, caseRef, 'disbursements', { method: 'cash', amount: 100 });
    expect(cash.status).toBe(400);
    expect(cash.body.message).toEqual([
      'method must be one of: voucher, vendor-payment (reintegration assistance is never paid in cash)',
    ]);

    // Tranche 1: a voucher for tools, approved by the finance officer, issued once, redeemed by a vendor.
    expect(
      (await post(caseWorker, caseRef, 'disbursements', { method: 'voucher', amount: 600, vendorCategory: 'tools' }))
        .status,
    ).toBe(200);
    expect(await awaiting('tranche-approval', finance)).toContain(caseRef);
    expect((await post(finance, caseRef, 'disbursements/1/approval')).status).toBe(200);
    expect(await awaiting('tranche-approval', finance)).not.toContain(caseRef);
    const paid1 = (await tranche(caseRef, 1, (t) => t.status === 'paid')).reintegration.disbursements[0];
    expect(paid1).toMatchObject({ method: 'voucher', amount: '600.00', approvedBy: financeId });
    expect(paid1.voucherCode).toMatch(/^V-[0-9A-F]{10}$/);
    // A voucher's code is a bearer credential: a finance officer reads the case without it, timeline included.
    const asFinance = await finance.get(`/returns/${caseRef}`);
    expect([asFinance.status, JSON.stringify(asFinance.body).includes(paid1.voucherCode)]).toEqual([200, false]);
    // The mission hands it to the returnee: it gets the code, once, with its value and validity.
    const [voucherMail] = await waitForMail(caseRef, (m) => m.subject === `Voucher for tranche 1 - case ${caseRef}`);
    expect(voucherMail.to).toEqual([MISSION_PK.email]);
    expect(voucherMail.text).toContain(`Voucher code: ${paid1.voucherCode}`);
    expect(voucherMail.text).toContain('Value: 600.00 EUR');
    expect(voucherMail.text).toContain('a vendor of tools redeems it');

    // Tranche 2: requested by someone who is also a finance officer, who may not approve it.
    expect(
      (await post(dual, caseRef, 'disbursements', { method: 'voucher', amount: 400, vendorCategory: 'spare parts' }))
        .status,
    ).toBe(200);
    const selfApproved = await post(dual, caseRef, 'disbursements/2/approval');
    expect([selfApproved.status, selfApproved.body.message]).toEqual([
      403,
      ['tranche 2 must be approved by a second person: you requested it'],
    ]);
    expect((await caseWhere(caseWorker, caseRef, () => true)).reintegration.disbursements[1].status).toBe('requested');
    expect((await post(finance, caseRef, 'disbursements/2/approval')).status).toBe(200);
    const paid2 = (await tranche(caseRef, 2, (t) => t.status === 'paid')).reintegration.disbursements[1];

    // The vendors redeem the vouchers at the provider; the handover certificates close the tranches.
    for (const code of [paid1.voucherCode, paid2.voucherCode]) {
      expect((await paymentProvider.redeem(code, 'Lahore Cycle Traders')).status).toBe('redeemed');
    }
    expect((await post(caseWorker, caseRef, 'disbursements/1/handover', { documentRef: 'HC-0001' })).status).toBe(200);
    expect((await post(caseWorker, caseRef, 'disbursements/2/handover', { documentRef: 'HC-0002' })).status).toBe(200);
    expect((await post(caseWorker, caseRef, 'disbursements/2/handover', { documentRef: 'HC-0002' })).status).toBe(409);

    // More than what is left is refused; what is left goes to the vendor, once, even though the provider's
    // answer to the first attempt is lost after it paid.
    const over = await post(caseWorker, caseRef, 'disbursements', {
      method: 'vendor-payment',
      amount: 600,
      vendorName: 'Lahore Cycle Traders',
      invoiceRef: 'INV-114',
    });
    expect([over.status, over.body.message]).toEqual([
      400,
      ['amount 600.00 exceeds the remaining budget of 500.00 EUR'],
    ]);
    // Paid to the returnee under a vendor's name, it would be cash: refused, however the name is typed.
    const toReturnee = await post(caseWorker, caseRef, 'disbursements', {
      method: 'vendor-payment',
      amount: 100,
      vendorName: 'AMINA  khan',
      invoiceRef: 'CASH-1',
    });
    expect([toReturnee.status, toReturnee.body.message]).toEqual([
      400,
      ['vendorName must be a vendor, not a person of the case (never cash)'],
    ]);
    expect(
      (
        await post(caseWorker, caseRef, 'disbursements', {
          method: 'vendor-payment',
          amount: 500,
          vendorName: 'Lahore Cycle Traders',
          invoiceRef: 'INV-114',
        })
      ).status,
    ).toBe(200);
    const key = `${caseRef}/tranche/3`;
    await paymentProvider.faults({ loseNextAnswers: 1, scope: key });
    expect((await post(finance, caseRef, 'disbursements/3/approval')).status).toBe(200);
    const paid3 = (await tranche(caseRef, 3, (t) => t.status === 'paid')).reintegration.disbursements[2];
    const paymentCalls = (await paymentProvider.calls()).filter((c) => c.idempotencyKey === key);
    expect(paymentCalls.map((c) => c.status)).toEqual([0, 200]); // the lost answer, then the retry's
    const made = (await paymentProvider.payments()).filter((p) => p.reference === key);
    expect(made).toEqual([
      expect.objectContaining({ paymentRef: paid3.paymentRef, amount: '500.00', vendor: 'Lahore Cycle Traders' }),
    ]);
    expect((await paymentProvider.vouchers()).filter((v) => v.reference.startsWith(`${caseRef}/`))).toHaveLength(2);
    const closed3 = await post(caseWorker, caseRef, 'disbursements/3/handover', { documentRef: 'INV-114' });
    expect(closed3.body.reintegration.budget).toEqual({
      currency: 'EUR',
      approved: '1500.00',
      committed: '1500.00',
      remaining: '0.00',
    });

    // Three follow-ups, each asked of the mission; the scores are computed with the pinned survey.
    const answers = [
      { income: 3, debt: 2, housing: 4, services: 3, wellbeing: 5 },
      { income: 4, debt: 4, housing: 4, services: 4, wellbeing: 7 },
      { income: 5, debt: 5, housing: 5, services: 4, wellbeing: 9 },
    ];
    for (const [i, visit] of answers.entries()) {
      const followUp = i + 1;
      const [request] = await waitForMail(
        caseRef,
        (m) => m.subject === `Monitoring visit ${followUp} - case ${caseRef}`,
        {
          timeoutMs: 40_000,
        },
      );
      expect(request.to).toEqual([MISSION_PK.email]);
      if (followUp === 1) {
        const wrongOrder = await post(monitor, caseRef, 'monitoring-visits', {
          followUp: 2,
          visitedOn: new Date().toISOString().slice(0, 10),
          answers: visit,
        });
        expect([wrongOrder.status, wrongOrder.body.message]).toEqual([409, ['the next follow-up is number 1, not 2']]);
        const offScale = await post(monitor, caseRef, 'monitoring-visits', {
          followUp: 1,
          visitedOn: new Date().toISOString().slice(0, 10),
          answers: { ...visit, wellbeing: 11 },
        });
        expect([offScale.status, offScale.body.message]).toEqual([
          400,
          ['answers.wellbeing must be a number from 0 to 10'],
        ]);
        const beforeArrival = await post(monitor, caseRef, 'monitoring-visits', {
          followUp: 1,
          visitedOn: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
          answers: visit,
        });
        expect([beforeArrival.status, JSON.stringify(beforeArrival.body)]).toEqual([
          409,
          expect.stringContaining('the visit is dated before the arrival'),
        ]);
      }
      const recorded = await post(monitor, caseRef, 'monitoring-visits', {
        followUp,
        visitedOn: new Date().toISOString().slice(0, 10),
        answers: visit,
      });
      expect({ status: recorded.status, refusal: recorded.body.message }).toEqual({ status: 200, refusal: undefined });
    }
    const followedUp = await caseWhere(caseWorker, caseRef, (b) => b.waitingFor?.what === 'closure by a supervisor');
    expect(followedUp.stage).toBe('monitoring');
    expect(followedUp.reintegration.visits).toEqual([
      expect.objectContaining({
        followUp: 1,
        status: 'done',
        scores: { economic: 0.4167, social: 0.625, psychosocial: 0.5, composite: 0.5042 },
      }),
      expect.objectContaining({
        followUp: 2,
        status: 'done',
        scores: { economic: 0.75, social: 0.75, psychosocial: 0.7, composite: 0.735 },
      }),
      expect.objectContaining({
        followUp: 3,
        status: 'done',
        scores: { economic: 1, social: 0.875, psychosocial: 0.9, composite: 0.9325 },
      }),
    ]);
    for (const visit of followedUp.reintegration.visits) {
      expect(visit).toMatchObject({ policyVersion: 1, surveyVersion: 'rss-test-1' });
    }

    // Each follow-up ended a run: the return continued as new, so no run's history grows for a year.
    // The journey, the aftercare's first run, and one more after each visit.
    await eventually(async () => {
      const runs = [];
      for await (const run of temporal.workflow.list({ query: `WorkflowId = '${returnWorkflowId(caseRef)}'` })) {
        runs.push(run);
      }
      return runs.length >= 5 ? runs : undefined;
    });
    expect(followedUp.workflow.runId).not.toBe(firstRun);
    // Ops engineers still find the latest run by stage, programme and destination.
    const attributes = (await temporal.workflow.getHandle(returnWorkflowId(caseRef)).describe()).typedSearchAttributes;
    expect(attributes.get(ReturnStageAttribute)).toBe('monitoring');
    expect(attributes.get(ProgrammeCodeAttribute)).toBe(programme);
    expect(attributes.get(DestinationCountryAttribute)).toBe('PK');

    expect((await post(caseWorker, caseRef, 'closure', { outcome: 'completed' })).status).toBe(403);
    expect((await post(supervisor, caseRef, 'closure', { outcome: 'completed' })).status).toBe(200);
    const done = await caseWhere(caseWorker, caseRef, (b) => b.workflow.status === 'COMPLETED');
    expect(done).toMatchObject({
      stage: 'closed',
      outcome: 'completed',
      outcomeReason: 'closed by a supervisor (completed)',
    });
    await recordHistoryIfAsked(
      temporal.workflow.getHandle(returnWorkflowId(caseRef), firstRun),
      'aftercare-plan-and-tranches-upcoming',
    );
    await recordHistoryIfAsked(temporal.workflow.getHandle(returnWorkflowId(caseRef)), 'aftercare-closed-upcoming');
  }, 150_000);

  it('reminds the mission of an overdue plan, then escalates, and stops once the plan is recorded', async () => {
    const caseRef = newCaseRef('LATEPLAN');
    const { caseWorker } = staff;
    await bringHome(caseWorker, caseRef, { programmeCode: latePlans });
    const [reminder] = await waitForMail(
      caseRef,
      (m) => m.subject === `Reminder 1: reintegration plan - case ${caseRef}`,
    );
    expect(reminder.to).toEqual([MISSION_PK.email]);
    const [escalation] = await waitForMail(caseRef, (m) => m.subject.startsWith('Escalation: reintegration plan'));
    expect(escalation.to).toEqual(testPolicy().escalationContacts);
    expect(escalation.text).not.toContain('Amina');
    const escalated = await caseWhere(caseWorker, caseRef, (b) => Boolean(b.waitingFor?.escalatedAt));
    expect(escalated.waitingFor).toMatchObject({ what: 'reintegration plan from the mission' });
    expect(escalated.waitingFor.remindersSent).toBeGreaterThanOrEqual(1);

    const planned = await post(caseWorker, caseRef, 'reintegration-plan', {
      items: [{ category: 'education', description: 'School fees', amount: 800 }],
    });
    expect(planned.status).toBe(200);
    await caseWhere(
      caseWorker,
      caseRef,
      (b) => b.waitingFor?.what === "a supervisor's approval of the reintegration plan",
    );

    // Four eyes: the supervisor who recorded the plan cannot approve it, and nothing changes.
    const { supervisor } = staff;
    const replaced = await post(supervisor, caseRef, 'reintegration-plan', {
      items: [{ category: 'education', description: 'School fees and books', amount: 900 }],
    });
    expect(replaced.status).toBe(200);
    const selfApproved = await post(supervisor, caseRef, 'reintegration-plan/approval');
    expect([selfApproved.status, selfApproved.body.message]).toEqual([
      403,
      ['the reintegration plan must be approved by a second person: you recorded it'],
    ]);
    expect((await supervisor.get(`/returns/${caseRef}`)).body.reintegration.plan.approvedBy).toBeNull();
  }, 60_000);

  it('lets a supervisor give the mission more time for the plan, and send it the request again', async () => {
    const caseRef = newCaseRef('PLANTIME');
    const { caseWorker, supervisor } = staff;
    await bringHome(caseWorker, caseRef, { programmeCode: latePlans });
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const unstick = (body: object) =>
      post(supervisor, caseRef, 'unstick', { reason: 'The mission asked for a week', ...body });
    const extended = await unstick({ action: 'extend', until });
    expect([extended.status, extended.body.waitingFor?.dueAt]).toEqual([200, until]);
    const aboutThePlan = async () =>
      (await caughtMail()).filter((m) => m.subject.includes(caseRef) && m.subject.includes('plan'));
    const before = (await aboutThePlan()).map((m) => m.subject);

    // Due every 2 s and escalated at 5 s under this policy: given the hour, the mission hears nothing more.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect((await aboutThePlan()).map((m) => m.subject)).toEqual(before);
    expect((await caseWorker.get(`/returns/${caseRef}`)).body.waitingFor).toMatchObject({
      what: 'reintegration plan from the mission',
      dueAt: until,
    });

    // The mission lost the request: sent again as it was, due at the new date.
    expect((await unstick({ action: 'resend' })).status).toBe(200);
    const requests = await waitForMail(caseRef, (m) => m.subject === `Reintegration plan - case ${caseRef}`, {
      count: 2,
    });
    expect(requests).toHaveLength(2);
    const handedOver = await unstick({ action: 'reassign', place: 'NG' });
    expect([handedOver.status, handedOver.body.message]).toEqual([
      409,
      ['the mission partner PK is in the country the travellers return to: no other mission can take the step'],
    ]);
    await recordHistoryIfAsked(temporal.workflow.getHandle(returnWorkflowId(caseRef)), 'mission-plan-unstuck');
  }, 60_000);

  it('reminds the mission again once the new due date passes, not as many intervals later as it was reminded', async () => {
    const caseRef = newCaseRef('PLANDUE');
    const { caseWorker, supervisor } = staff;
    await bringHome(caseWorker, caseRef, { programmeCode: latePlans });
    const reminders = async () =>
      (await caughtMail()).filter(
        (m) => m.subject.startsWith('Reminder') && m.subject.endsWith(`plan - case ${caseRef}`),
      );
    // Reminded every 2 s from 2 s after arrival.
    await eventually(async () => ((await reminders()).length >= 5 ? true : undefined), { timeoutMs: 30_000 });
    const until = new Date(Date.now() + 4_000).toISOString();
    const extended = await post(supervisor, caseRef, 'unstick', { action: 'extend', until, reason: 'A few seconds' });
    expect(extended.status).toBe(200);
    const sent = (await reminders()).length;
    // The next one once the new due date passes (counted from it, five reminders held it back 10 s more).
    const [next] = await waitForMail(
      caseRef,
      (m) => m.subject === `Reminder ${sent + 1}: reintegration plan - case ${caseRef}`,
      {
        timeoutMs: 9_000,
      },
    );
    expect(Date.parse(next.receivedAt)).toBeGreaterThanOrEqual(Date.parse(until) - 100);
    await recordHistoryIfAsked(temporal.workflow.getHandle(returnWorkflowId(caseRef)), 'plan-reminders-spaced');
  }, 60_000);

  it("refuses the journey's steps for good once the returnee has arrived, and keeps nothing of them", async () => {
    const caseRef = newCaseRef('AFTERARRIVAL');
    const { caseWorker } = staff;
    await bringHome(caseWorker, caseRef, { programmeCode: programme });
    const before = (await caseWorker.get(`/returns/${caseRef}`)).body;
    const dayBefore = new Date(Date.parse(before.declarationSignedOn) - 86_400_000).toISOString().slice(0, 10);
    for (const [step, body, name] of [
      ['declaration', { signedOn: dayBefore }, 'the declaration'],
      ['counselling', { heldOn: before.declarationSignedOn, topics: ['health'] }, 'counselling'],
      ['departure', {}, 'confirming departure'],
    ] as const) {
      const refused = await post(caseWorker, caseRef, step, body);
      expect([step, refused.status, refused.headers.get('retry-after'), refused.body.message]).toEqual([
        step,
        409,
        null,
        [`${name} is a step before arrival, and the returnee has arrived`],
      ]);
    }
    const after = (await caseWorker.get(`/returns/${caseRef}`)).body;
    expect([after.declarationSignedOn, after.counselling, after.pendingSteps]).toEqual([
      before.declarationSignedOn,
      before.counselling,
      [],
    ]);
  });

  it('tells the mission, asked for a plan, that the case closed and no plan is expected', async () => {
    const caseRef = newCaseRef('CLOSEDPLAN');
    const { caseWorker, supervisor } = staff;
    await bringHome(caseWorker, caseRef, { programmeCode: programme });
    await waitForMail(caseRef, (m) => m.subject.startsWith('Reintegration plan'));
    const { runId } = await temporal.workflow.getHandle(returnWorkflowId(caseRef)).describe();

    expect((await post(supervisor, caseRef, 'closure', { outcome: 're-migrated' })).status).toBe(200);
    const [told] = await waitForMail(caseRef, (m) => m.subject.startsWith('Case closed, nothing more expected'));
    expect(told.to).toEqual([MISSION_PK.email]);
    expect(told.text).toContain(`Case ${caseRef} was closed by a supervisor (outcome: re-migrated).`);
    expect(told.text).toContain('What you were asked for is no longer expected: the reintegration plan.');
    const closed = await caseWhere(caseWorker, caseRef, (b) => b.workflow.status === 'COMPLETED');
    expect(closed.timeline.map((e: { kind: string }) => e.kind)).toContain('closure-told-to-mission');
    await recordHistoryIfAsked(
      temporal.workflow.getHandle(returnWorkflowId(caseRef), runId),
      'closure-told-to-mission',
    );
  }, 60_000);

  /** A case home, its plan of 300 EUR recorded and approved. */
  async function homeWithPlan(caseRef: string): Promise<void> {
    await bringHome(staff.caseWorker, caseRef, { programmeCode: programme });
    await post(staff.caseWorker, caseRef, 'reintegration-plan', {
      items: [{ category: 'basic-goods', description: 'Household goods', amount: 300 }],
    });
    expect((await post(staff.supervisor, caseRef, 'reintegration-plan/approval')).status).toBe(200);
  }

  /** A case home, its plan approved, and a voucher of 300 EUR issued for its first tranche. */
  async function paidVoucher(prefix: string): Promise<{ caseRef: string; voucherCode: string }> {
    const caseRef = newCaseRef(prefix);
    const { caseWorker, finance } = staff;
    await homeWithPlan(caseRef);
    await post(caseWorker, caseRef, 'disbursements', { method: 'voucher', amount: 300, vendorCategory: 'household' });
    expect((await post(finance, caseRef, 'disbursements/1/approval')).status).toBe(200);
    const { voucherCode } = (await tranche(caseRef, 1, (t) => t.status === 'paid')).reintegration.disbursements[0];
    return { caseRef, voucherCode };
  }

  it('answers an approval sent three times at once under one key alike, while the payment provider is slow', async () => {
    const caseRef = newCaseRef('SAMEKEY');
    const { caseWorker, finance } = staff;
    await homeWithPlan(caseRef);
    await paymentProvider.faults({ scope: `${caseRef}/`, delayMs: 3_000 });
    try {
      await post(caseWorker, caseRef, 'disbursements', { method: 'voucher', amount: 100, vendorCategory: 'household' });
      const once = { 'idempotency-key': `approve-${caseRef}` };
      const answers = await Promise.all(
        [1, 2, 3].map(() => finance.call('POST', `/returns/${caseRef}/disbursements/1/approval`, {}, once)),
      );
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    } finally {
      await paymentProvider.faults({ scope: `${caseRef}/`, delayMs: 0 });
    }
    await tranche(caseRef, 1, (t) => t.status === 'paid');
    expect((await paymentProvider.vouchers()).filter((v) => v.reference.startsWith(`${caseRef}/`))).toHaveLength(1);
  });

  it('pays a tranche two finance officers approve at once, and the one refused takes nothing back', async () => {
    const caseRef = newCaseRef('TWOAPPROVE');
    const { caseWorker, supervisor, finance } = staff;
    const other = apiClient(api.url, (await signedInStaff(api.url, ['finance-officer'])).token);
    await bringHome(caseWorker, caseRef, { programmeCode: programme });
    await post(caseWorker, caseRef, 'reintegration-plan', {
      items: [{ category: 'basic-goods', description: 'Household goods', amount: 300 }],
    });
    // Two supervisors at once: one approves the plan, the other is told it is approved.
    const second = apiClient(api.url, (await signedInStaff(api.url, ['supervisor'])).token);
    const plans = await Promise.all([supervisor, second].map((as) => post(as, caseRef, 'reintegration-plan/approval')));
    expect(plans.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(plans.find((r) => r.status === 409)!.body.message).toEqual(['the plan is already approved']);
    for (let n = 1; n <= 3; n++) {
      const paid = { method: 'vendor-payment', amount: 10, vendorName: 'Tools Ltd', invoiceRef: `INV-${n}` };
      expect((await post(caseWorker, caseRef, 'disbursements', paid)).status).toBe(200);
      const answers = await Promise.all([finance, other].map((as) => post(as, caseRef, `disbursements/${n}/approval`)));
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(answers.find((r) => r.status === 409)!.body.message).toEqual([`tranche ${n} is not waiting for approval`]);
    }
    // Each tranche is paid once, stays paid, and closes with its invoice.
    await caseWhere(caseWorker, caseRef, (b) => b.reintegration.disbursements.every((t: any) => t.status === 'paid'));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (let n = 1; n <= 3; n++) {
      const closed = await post(caseWorker, caseRef, `disbursements/${n}/handover`, { documentRef: `INV-${n}` });
      expect([closed.status, closed.body.reintegration?.disbursements[n - 1].status]).toEqual([200, 'closed']);
    }
    const payments = (await paymentProvider.payments()).filter((p) => p.reference.startsWith(`${caseRef}/`));
    expect(payments).toHaveLength(3);
  }, 90_000);

  it('pays a vendor invoice once, and closes one tranche with each document', async () => {
    const caseRef = newCaseRef('INVOICE');
    const { caseWorker, supervisor, finance } = staff;
    await homeWithPlan(caseRef);
    const pay = (invoiceRef: string, vendorName = 'Kutaisi Ovens Ltd') =>
      post(caseWorker, caseRef, 'disbursements', { method: 'vendor-payment', amount: 20, vendorName, invoiceRef });
    expect((await pay('INV-KO-77')).status).toBe(200);
    expect((await post(finance, caseRef, 'disbursements/1/approval')).status).toBe(200);
    await tranche(caseRef, 1, (t) => t.status === 'paid');
    const again = await pay('inv-ko-77', 'kutaisi ovens LTD');
    expect([again.status, again.body.message]).toEqual([
      400,
      ['invoiceRef is already on tranche 1 of this case: an invoice is paid once'],
    ]);
    // Typed in full-width forms, it is the same invoice.
    const fullWidth = await pay('ＩＮＶ－ＫＯ－７７', 'Ｋｕｔａｉｓｉ Ｏｖｅｎｓ Ｌｔｄ');
    expect([fullWidth.status, fullWidth.body.message]).toEqual([400, again.body.message]);
    // So is it with another dash (U+2010), and look-alike letters of another script are refused outright.
    const otherDash = await pay('INV\u2010KO\u201177');
    expect([otherDash.status, otherDash.body.message]).toEqual([400, again.body.message]);
    const cyrillic = await pay('\u0406NV-KO-77');
    expect([cyrillic.status, cyrillic.body.message]).toEqual([
      400,
      ['invoiceRef must not mix Latin, Cyrillic and Greek letters in one word (they look alike)'],
    ]);
    const vendor = await pay('INV-KO-78', 'Kutaisi \u041evens Ltd');
    expect([vendor.status, vendor.body.message]).toEqual([
      400,
      ['vendorName must not mix Latin, Cyrillic and Greek letters in one word (they look alike)'],
    ]);
    // Another vendor's invoice may carry the same number.
    expect((await pay('INV-KO-77', 'Batumi Tools')).status).toBe(200);
    expect((await post(finance, caseRef, 'disbursements/2/approval')).status).toBe(200);
    await tranche(caseRef, 2, (t) => t.status === 'paid');
    expect((await pay('INV-TB-5', 'Tbilisi Bakers')).status).toBe(200);
    expect((await post(finance, caseRef, 'disbursements/3/approval')).status).toBe(200);
    await tranche(caseRef, 3, (t) => t.status === 'paid');
    expect((await post(caseWorker, caseRef, 'disbursements/1/handover', { documentRef: 'INV-KO-77' })).status).toBe(
      200,
    );
    // A tranche closes with its own paperwork: not another tranche's invoice, nor a document that closed one.
    const othersInvoice = await post(caseWorker, caseRef, 'disbursements/2/handover', { documentRef: 'inv-tb-5' });
    expect([othersInvoice.status, othersInvoice.body.message]).toEqual([
      400,
      ['documentRef is the invoice of tranche 3 of this case: a tranche closes with its own invoice or certificate'],
    ]);
    const reused = await post(caseWorker, caseRef, 'disbursements/3/handover', { documentRef: 'ＩＮＶ-ＫＯ-77' });
    expect([reused.status, reused.body.message]).toEqual([
      400,
      ['documentRef is the invoice of tranche 1 of this case: a tranche closes with its own invoice or certificate'],
    ]);
    const certificate = await post(caseWorker, caseRef, 'disbursements/3/handover', { documentRef: 'HC-1' });
    expect(certificate.status).toBe(200);
    const usedCertificate = await post(caseWorker, caseRef, 'disbursements/2/handover', { documentRef: 'hc-1' });
    expect([usedCertificate.status, usedCertificate.body.message]).toEqual([
      400,
      ['documentRef already closed tranche 3 of this case: a document closes one tranche'],
    ]);
    // The vendor's document that closed its payment is not an invoice to pay again.
    const paidAgain = await pay('HC-1', 'Tbilisi Bakers');
    expect([paidAgain.status, paidAgain.body.message]).toEqual([
      400,
      ['invoiceRef already closed tranche 3 of this case: an invoice is paid once'],
    ]);
    const payments = (await paymentProvider.payments()).filter((p) => p.reference.startsWith(`${caseRef}/`));
    expect(payments.map((p) => p.vendor).sort()).toEqual(['Batumi Tools', 'Kutaisi Ovens Ltd', 'Tbilisi Bakers']);

    // The case closes before the second vendor's invoice comes: it is still recorded, once.
    expect((await post(supervisor, caseRef, 'closure', { outcome: 'lost-contact' })).status).toBe(200);
    await caseWhere(caseWorker, caseRef, (b) => b.workflow.status === 'COMPLETED');
    // Its own invoice closes it, though the same number (another vendor's) closed tranche 1.
    for (let i = 0; i < 2; i++) {
      const late = await post(caseWorker, caseRef, 'disbursements/2/handover', { documentRef: 'INV-KO-77' });
      expect([late.status, late.body.reintegration?.disbursements[1]]).toEqual([
        200,
        expect.objectContaining({ status: 'closed', handoverRef: 'INV-KO-77' }),
      ]);
    }
    const lines = (await caseWorker.get(`/returns/${caseRef}`)).body.timeline.filter(
      (e: { kind: string }) => e.kind === 'handover-recorded',
    );
    expect(lines.map((e: { summary: string }) => e.summary)).toEqual([
      'Tranche 1 closed with invoice INV-KO-77',
      'Tranche 3 closed with invoice HC-1',
      'Tranche 2 closed with invoice INV-KO-77, after the case closed',
    ]);
    const another = await post(caseWorker, caseRef, 'disbursements/2/handover', { documentRef: 'BT-10' });
    expect([another.status, another.body.message]).toEqual([409, ['tranche 2 is not paid out and open (closed)']]);
    const none = await post(caseWorker, caseRef, 'disbursements/1/handover', { documentRef: 'OTHER-1' });
    expect([none.status, none.body.message]).toEqual([409, ['tranche 1 is not paid out and open (closed)']]);
  }, 90_000);

  it('pays an invoice once and takes a document once when two cases send them at the same moment', async () => {
    const cases = [newCaseRef('RACEINV'), newCaseRef('RACEINV')];
    await Promise.all(cases.map((caseRef) => homeWithPlan(caseRef)));
    const { caseWorker, finance } = staff;
    for (const invoiceRef of ['RACE-1', 'RACE-2', 'RACE-3']) {
      const body = { method: 'vendor-payment', amount: 10, vendorName: 'Acme', invoiceRef };
      const answers = await Promise.all(cases.map((caseRef) => post(caseWorker, caseRef, 'disbursements', body)));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
    }
    // Each case holds some of the invoices, paid; their documents raced likewise.
    const held = await Promise.all(
      cases.map(async (caseRef) => {
        const { disbursements } = (await caseWorker.get(`/returns/${caseRef}`)).body.reintegration;
        for (const t of disbursements) await post(finance, caseRef, `disbursements/${t.tranche}/approval`);
        if (disbursements.length) await tranche(caseRef, disbursements.length, (t) => t.status === 'paid');
        return { caseRef, tranches: disbursements.map((t: { tranche: number }) => t.tranche) as number[] };
      }),
    );
    const [first, second] = held.filter((h) => h.tranches.length > 0);
    if (second) {
      const document = { documentRef: `DOC-${first.caseRef}` };
      const answers = await Promise.all(
        [first, second].map((h) => post(caseWorker, h.caseRef, `disbursements/${h.tranches[0]}/handover`, document)),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
    }
    const paid = (await paymentProvider.payments()).filter((p) => cases.some((c) => p.reference.startsWith(`${c}/`)));
    expect(paid.map((p) => p.invoiceRef).sort()).toEqual(['RACE-1', 'RACE-2', 'RACE-3']);
  }, 120_000);

  it('moves no money once a supervisor decided to close, while a payment under way holds the closure', async () => {
    const caseRef = newCaseRef('CLOSINGPAY');
    const { caseWorker, supervisor, finance } = staff;
    await homeWithPlan(caseRef);
    const voucher = { method: 'voucher', amount: 100, vendorCategory: 'household' };
    await paymentProvider.faults({ scope: `${caseRef}/tranche/1`, failNext: 1000, status: 503 });
    expect((await post(caseWorker, caseRef, 'disbursements', voucher)).status).toBe(200);
    expect((await post(caseWorker, caseRef, 'disbursements', voucher)).status).toBe(200);
    expect((await post(finance, caseRef, 'disbursements/1/approval')).status).toBe(200);
    await caseWhere(caseWorker, caseRef, (b) => b.blockedBy.some((line: string) => line.startsWith('disburse')));

    const closing = { 'idempotency-key': `close-${caseRef}` };
    const closure = await supervisor.call('POST', `/returns/${caseRef}/closure`, { outcome: 'lost-contact' }, closing);
    expect([closure.status, closure.body.message]).toEqual([
      409,
      ['tranche 1 is being paid out: the case closes once the payment is settled'],
    ]);
    const refusal = ['the case is closing (lost-contact): no money moves after its closure'];
    const more = await post(caseWorker, caseRef, 'disbursements', voucher);
    expect([more.status, more.body.message]).toEqual([409, refusal]);
    const approved = await post(finance, caseRef, 'disbursements/2/approval');
    expect([approved.status, approved.body.message]).toEqual([409, refusal]);

    await paymentProvider.faults({ scope: `${caseRef}/tranche/1`, failNext: 0 });
    const closed = await caseWhere(caseWorker, caseRef, (b) => b.workflow.status === 'COMPLETED', 60_000);
    expect(closed.reintegration.disbursements.map((t: { status: string }) => t.status)).toEqual([
      'cancelled',
      'cancelled',
    ]);
  }, 120_000);

  it('lets finance decline a tranche, and staff withdraw one, before it is approved: its amount is back in the budget', async () => {
    const caseRef = newCaseRef('DECLINE');
    const { caseWorker, finance } = staff;
    await homeWithPlan(caseRef);
    const voucher = { method: 'voucher', amount: 300, vendorCategory: 'household' };
    expect((await post(caseWorker, caseRef, 'disbursements', voucher)).status).toBe(200);
    const declined = await post(finance, caseRef, 'disbursements/1/cancellation', { reason: 'Wrong category' });
    expect(declined.status).toBe(200);
    expect(declined.body.reintegration.disbursements[0]).toMatchObject({
      status: 'cancelled',
      cancelledBy: financeId,
      cancelReason: 'Wrong category',
    });
    expect(declined.body.reintegration.budget).toMatchObject({ committed: '0.00', remaining: '300.00' });
    expect(declined.body.timeline.at(-1).summary).toBe(
      'Tranche 1 (300.00 EUR) cancelled, unpaid: Wrong category; its amount is back in the budget',
    );
    const late = await post(finance, caseRef, 'disbursements/1/approval');
    expect([late.status, late.body.message]).toEqual([409, ['tranche 1 is not waiting for approval']]);

    // Requested again, then withdrawn by the case worker; the third is approved and can no longer be cancelled.
    expect((await post(caseWorker, caseRef, 'disbursements', voucher)).status).toBe(200);
    expect((await post(caseWorker, caseRef, 'disbursements/2/cancellation', { reason: 'Duplicate' })).status).toBe(200);
    expect((await post(caseWorker, caseRef, 'disbursements', voucher)).status).toBe(200);
    // Paid slowly, the approved tranche is still being paid out when its cancellation comes.
    await paymentProvider.faults({ scope: `${caseRef}/tranche/3`, delayMs: 3_000 });
    expect((await post(finance, caseRef, 'disbursements/3/approval')).status).toBe(200);
    const tooLate = await post(finance, caseRef, 'disbursements/3/cancellation', { reason: 'Changed my mind' });
    await paymentProvider.faults({ scope: `${caseRef}/tranche/3`, delayMs: 0 });
    expect([tooLate.status, tooLate.body.message]).toEqual([409, ['tranche 3 is approved: it is being paid out']]);
    const paid = await tranche(caseRef, 3, (t) => t.status === 'paid');
    expect(paid.reintegration.disbursements.map((t: { status: string }) => t.status)).toEqual([
      'cancelled',
      'cancelled',
      'paid',
    ]);
    const vouchers = (await paymentProvider.vouchers()).filter((v) => v.reference.startsWith(`${caseRef}/`));
    expect(vouchers).toHaveLength(1);
  }, 90_000);

  it('closes the case when the payment provider refuses to void its voucher, for finance to check', async () => {
    const { caseWorker, supervisor } = staff;
    const { caseRef, voucherCode } = await paidVoucher('NOVOID');
    await paymentProvider.faults({ path: `/vouchers/${voucherCode}/void`, failNext: 10, status: 422 });

    expect((await post(supervisor, caseRef, 'closure', { outcome: 'lost-contact' })).status).toBe(200);
    const closed = await caseWhere(caseWorker, caseRef, (b) => b.workflow.status === 'COMPLETED');
    expect(closed).toMatchObject({ stage: 'closed', outcome: 'lost-contact', blockedBy: [] });
    expect(closed.timeline.map((e: { summary: string }) => e.summary)).toContain(
      'Tranche 1: the payment provider refused to void the voucher at closure (PaymentRefused); check it with the provider',
    );
    const [voucher] = (await paymentProvider.vouchers()).filter((v) => v.code === voucherCode);
    expect(voucher.status).toBe('issued');
    // Finance finds the case among those with a voucher to check with the provider, checks, and records the answer.
    const toCheck = async () =>
      (await staff.finance.get('/returns?awaiting=voucher-check&pageSize=200')).body.items.map(
        (c: { caseRef: string }) => c.caseRef,
      );
    expect(await toCheck()).toContain(caseRef);
    await paymentProvider.faults({ path: `/vouchers/${voucherCode}/void`, failNext: 0 });
    const nothing = await staff.finance.post(`/returns/${caseRef}/disbursements/2/voucher-check`, {
      voucher: 'voided',
    });
    expect([nothing.status, nothing.body.message]).toEqual([
      409,
      ['tranche 2 has no voucher the payment provider refused to void'],
    ]);
    const checked = await staff.finance.post(`/returns/${caseRef}/disbursements/1/voucher-check`, {
      voucher: 'voided',
    });
    expect(checked.status).toBe(200);
    expect(checked.body.reintegration.disbursements[0].status).toBe('cancelled');
    expect(await toCheck()).not.toContain(caseRef);
    const again = await staff.finance.post(`/returns/${caseRef}/disbursements/1/voucher-check`, { voucher: 'voided' });
    expect([again.status, again.body.reintegration.disbursements[0].status]).toEqual([200, 'cancelled']);
    const otherwise = await staff.finance.post(`/returns/${caseRef}/disbursements/1/voucher-check`, {
      voucher: 'redeemed',
    });
    expect([otherwise.status, otherwise.body.message]).toEqual([
      409,
      ["tranche 1's voucher is already checked: the provider said voided"],
    ]);
    await recordHistoryIfAsked(temporal.workflow.getHandle(returnWorkflowId(caseRef)), 'closed-with-void-refused');
  }, 60_000);

  it('says the case is closing while the payment provider, down, has still to void its voucher', async () => {
    const { caseWorker, supervisor } = staff;
    const { caseRef, voucherCode } = await paidVoucher('CLOSING');
    const voided = async () =>
      (await supervisor.get(`/reports/summary?programme=${programme}`)).body.figures['tranches-voided'];
    const voidedBefore = await voided();
    await paymentProvider.faults({ path: `/vouchers/${voucherCode}/void`, failNext: 1000, status: 503 });

    const closing = { 'idempotency-key': `close-${caseRef}` };
    const close = () => supervisor.call('POST', `/returns/${caseRef}/closure`, { outcome: 'lost-contact' }, closing);
    expect((await close()).status).toBe(503); // decided, and kept until the case closes
    const waiting = await caseWhere(caseWorker, caseRef, (b) => b.waitingFor?.what?.startsWith('the payment provider'));
    expect(waiting.waitingFor.what).toBe('the payment provider to void the unredeemed vouchers: the case closes then');

    await paymentProvider.faults({ path: `/vouchers/${voucherCode}/void`, failNext: 0 });
    const closed = await caseWhere(caseWorker, caseRef, (b) => b.workflow.status === 'COMPLETED', 60_000);
    expect(closed).toMatchObject({ stage: 'closed', outcome: 'lost-contact' });
    expect(closed.reintegration.disbursements[0]).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'system',
      cancelReason: 'the case closed; the voucher was voided unredeemed',
    });
    // The programme's figures count the voucher as voided, beside its issue.
    const voidedAfter = await voided();
    expect(voidedAfter.total).toBe(voidedBefore.total + 1);
    expect(voidedAfter.amounts.EUR.amount).toBe((voidedBefore.amounts?.EUR?.amount ?? 0) + 300);
    await recordHistoryIfAsked(
      temporal.workflow.getHandle(returnWorkflowId(caseRef)),
      'closing-shown-while-void-fails',
    );
  }, 120_000);

  it('counts a voucher valid from its issue, when the payment provider was down as finance approved it', async () => {
    const caseRef = newCaseRef('LATEISSUE');
    const { caseWorker, supervisor, finance } = staff;
    await bringHome(caseWorker, caseRef, { programmeCode: shortVouchers });
    await post(caseWorker, caseRef, 'reintegration-plan', {
      items: [{ category: 'basic-goods', description: 'Household goods', amount: 500 }],
    });
    await post(supervisor, caseRef, 'reintegration-plan/approval');
    const voucher = { method: 'voucher', amount: 200, vendorCategory: 'household' };
    expect((await post(caseWorker, caseRef, 'disbursements', voucher)).status).toBe(200);
    // Down for its first three tries: issued some seconds after the approval (1 s, then 2 s, then 4 s apart).
    await paymentProvider.faults({ scope: `${caseRef}/tranche/1`, failNext: 3, status: 503 });
    const approvedAt = Date.now();
    expect((await post(finance, caseRef, 'disbursements/1/approval')).status).toBe(200);
    const { expiresAt, voucherCode } = (await tranche(caseRef, 1, (t) => t.status === 'paid')).reintegration
      .disbursements[0];
    const [issued] = (await paymentProvider.vouchers()).filter((v) => v.code === voucherCode);
    // Valid PT4S under this programme, from its issue: not from the approval, which would have left nothing of it.
    expect(Date.parse(expiresAt)).toBeGreaterThan(approvedAt + 4_000 + 3_000);
    expect(issued.expiresAt).toBe(expiresAt);
  }, 60_000);

  it('lets an unredeemed voucher expire, its value back in the budget, and closes early as re-migrated', async () => {
    const caseRef = newCaseRef('EXPIRY');
    const { caseWorker, supervisor, finance } = staff;
    await bringHome(caseWorker, caseRef, { programmeCode: shortVouchers });
    await post(caseWorker, caseRef, 'reintegration-plan', {
      items: [{ category: 'basic-goods', description: 'Household goods', amount: 500 }],
    });
    await post(supervisor, caseRef, 'reintegration-plan/approval');
    expect(
      (
        await post(caseWorker, caseRef, 'disbursements', {
          method: 'voucher',
          amount: 500,
          vendorCategory: 'household',
        })
      ).status,
    ).toBe(200);
    expect((await post(finance, caseRef, 'disbursements/1/approval')).status).toBe(200);
    const { voucherCode } = (await tranche(caseRef, 1, (t) => t.status === 'paid')).reintegration.disbursements[0];

    // Valid PT4S under this programme: nobody redeems it.
    const expired = await tranche(caseRef, 1, (t) => t.status === 'expired');
    expect(expired.reintegration.budget).toMatchObject({ committed: '0.00', remaining: '500.00' });
    expect(expired.timeline.map((e: { kind: string }) => e.kind)).toContain('voucher-expired');
    expect(expired.reintegration.disbursements[0]).toMatchObject({
      cancelledBy: 'system',
      cancelReason: 'the voucher expired unredeemed',
    });
    const [voucher] = (await paymentProvider.vouchers()).filter((v) => v.code === voucherCode);
    expect(voucher.status).toBe('voided');
    // The mission that holds it to hand over is told it no longer pays.
    const [dead] = await waitForMail(
      caseRef,
      (m) => m.subject === `Voucher no longer valid: tranche 1 - case ${caseRef}`,
    );
    expect([dead.to, dead.text.includes(`The voucher ${voucherCode} `)]).toEqual([[MISSION_PK.email], true]);

    const tooEarly = await post(supervisor, caseRef, 'closure', { outcome: 'completed' });
    expect(tooEarly.status).toBe(409);
    expect((await post(supervisor, caseRef, 'closure', { outcome: 're-migrated' })).status).toBe(200);
    const closed = await caseWhere(caseWorker, caseRef, (b) => b.workflow.status === 'COMPLETED');
    expect(closed).toMatchObject({ stage: 'closed', outcome: 're-migrated' });
    expect(
      (await post(caseWorker, caseRef, 'disbursements', { method: 'voucher', amount: 10, vendorCategory: 'x' })).status,
    ).toBe(409);
  }, 60_000);
});
