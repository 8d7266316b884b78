import type { Client } from '@temporalio/client';
import { returnWorkflowId, type FlightSegment } from '@avrr/contracts';
import { bringHome, caseWhere, flightsTo } from './support/bring-home';
import { mailAbout, waitForMail } from './support/caught-mail';
import { startDeclaredReturn } from './support/declared-return';
import { ISSUED_DOCUMENT, startReturnBody } from './support/fixtures';
import { apiClient, newCaseRef } from './support/http';
import { publishProgramme, signedInClient } from './support/programmes';
import { disagreements } from './support/agreement';
import { eventually } from './support/eventually';
import { recordHistoryIfAsked } from './support/histories';
import { paymentProvider, travelAgency } from './support/sandboxes';
import { runningReturnsStack } from './support/running-apps';

type Http = ReturnType<typeof apiClient>;

/** Other flights to Lahore, leaving the day after tomorrow. */
function laterFlights(): FlightSegment[] {
  const at = (ms: number) => new Date(Date.now() + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return [
    { flight: 'QR220', from: 'OTP', to: 'DOH', departsAt: at(172_800_000) },
    { flight: 'QR614', from: 'DOH', to: 'LHE', departsAt: at(176_400_000) },
  ];
}

/**
 * A partner's answer never breaks a return: refusals (409, 422) become a state of the case staff can act on, "not
 * now" answers (429 with Retry-After) are retried, cancellations are best effort, and a withdrawal wins over a
 * partner that is missing or down. Faults are scoped to each test's keys: spec files run side by side.
 */
describe('partners that refuse, hesitate or are down', () => {
  const stack = runningReturnsStack();
  let http: Http;
  let finance: Http;
  let supervisor: Http;
  let temporal: Client;
  let programme: string;

  beforeAll(async () => {
    temporal = stack.temporal;
    const as = (roles: Parameters<typeof signedInClient>[1]) => signedInClient(stack.api.url, roles);
    [http, finance, supervisor] = await Promise.all([as(['case-worker']), as(['finance-officer']), as(['supervisor'])]);
    programme = await publishProgramme(stack.api.url, 'REFUSE', 'Reintegration, follow-ups far away', (policy) => ({
      ...policy,
      reintegration: {
        ...policy.reintegration,
        monitoring: { ...policy.reintegration.monitoring, offsets: ['P30D'] },
      },
    }));
  });

  afterEach(async () => {
    await travelAgency.faults({ failNext: 0 });
    await paymentProvider.faults({ failNext: 0 });
  });

  const cases: string[] = [];
  const newCase = (prefix: string) => {
    cases.push(newCaseRef(prefix));
    return cases[cases.length - 1];
  };

  const post = (caseRef: string, step: string, body: unknown = {}, as = http) =>
    as.post(`/returns/${caseRef}/${step}`, body);
  const running = async (caseRef: string) =>
    (await temporal.workflow.getHandle(returnWorkflowId(caseRef)).describe()).status.name;
  const booked = (caseRef: string, flight: string) =>
    caseWhere(
      http,
      caseRef,
      (b) =>
        b.stage === 'departure' &&
        b.waitingFor?.what?.startsWith('confirmation of the departure') &&
        b.itineraries[0]?.segments[0].flight === flight,
    );
  const readyToBook = async (caseRef: string) => {
    await startDeclaredReturn(http, startReturnBody(caseRef, { hasValidTravelDocument: true }));
    await caseWhere(http, caseRef, (b) => b.waitingFor?.what === 'flights chosen by the case worker');
  };
  const timelineKinds = async (caseRef: string) =>
    ((await http.get(`/returns/${caseRef}`)).body.timeline as { kind: string }[]).map((e) => e.kind);

  it('keeps a rebooking the agency refuses (409) in view, the booked flights standing, until staff choose others', async () => {
    const caseRef = newCase('REBOOKNO');
    await readyToBook(caseRef);
    expect((await post(caseRef, 'flights', { segments: flightsTo('LHE') })).status).toBe(200);
    await booked(caseRef, 'RO201');

    await travelAgency.faults({ failNext: 1, status: 409, scope: `return-${caseRef}/booking/2` });
    expect((await post(caseRef, 'rebooking', { reason: 'missed-flight', segments: laterFlights() })).status).toBe(200);
    const refused = await caseWhere(http, caseRef, (b) => b.waitingFor?.what?.includes('refused the rebooking'));
    expect(refused.waitingFor.what).toBe(
      'other flights: the agency refused the rebooking (the agency refused POST /bookings (409: conflict)); the booked ones still stand',
    );
    expect(refused.stage).toBe('departure');
    expect(await running(caseRef)).toBe('RUNNING');
    const refusal = 'Flights not booked: the agency refused POST /bookings (409: conflict)';
    expect(refused.timeline.map((e: { summary: string }) => e.summary)).toContain(refusal);

    expect((await post(caseRef, 'rebooking', { reason: 'missed-flight', segments: laterFlights() })).status).toBe(200);
    const rebooked = await booked(caseRef, 'QR220');
    expect(rebooked.itineraries.map((i: { status: string }) => i.status)).toEqual(['booked', 'cancelled']);
    const keys = (await travelAgency.calls())
      .filter((c) => c.path === '/bookings' && c.idempotencyKey?.startsWith(`return-${caseRef}/`))
      .map((c) => [c.idempotencyKey!.split('/').pop(), c.status]);
    expect(keys).toEqual([
      ['1', 201],
      ['2', 409],
      ['3', 201],
    ]);
    await recordHistoryIfAsked(
      temporal.workflow.getHandle(returnWorkflowId(caseRef)),
      'rebooking-refused-then-rebooked',
    );
  });

  it('gives up a booking the agency still fails when the first flight leaves, and asks no one to assist it', async () => {
    const caseRef = newCase('TOOLATE');
    await readyToBook(caseRef);
    await travelAgency.faults({ failNext: 1000, status: 503, scope: `return-${caseRef}/booking/1` });
    const [first, second] = flightsTo('LHE');
    const soon = new Date(Date.now() + 8_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const segments = [{ ...first, departsAt: soon }, second];
    expect((await post(caseRef, 'flights', { segments })).status).toBe(200);

    const given = await caseWhere(http, caseRef, (b) => b.waitingFor?.what?.startsWith('other flights'), 30_000);
    expect(given.waitingFor.what).toBe(
      `other flights: the last ones were not booked (the agency could not book them before the first flight leaves, ${soon})`,
    );
    expect(given.stage).toBe('travel-arrangements');
    expect(given.itineraries).toEqual([]);
    expect(given.timeline.map((e: { summary: string }) => e.summary)).toContain(
      `Flights not booked: the agency could not book them before the first flight leaves, ${soon}`,
    );
    // The agency, still down, booked nothing, and was asked what the order's key booked; no one was asked to assist.
    const calls = (await travelAgency.calls()).filter((c) => c.idempotencyKey?.startsWith(`return-${caseRef}/`));
    expect(calls.filter((c) => c.status === 201)).toEqual([]);
    expect(calls.at(-1)).toMatchObject({ method: 'GET', path: '/bookings' });
    // The agency, down, could not say whether it booked: staff are asked to find out, not told to cancel a booking.
    const timeline = (await http.get(`/returns/${caseRef}`)).body.timeline as { summary: string }[];
    expect(timeline.map((e) => e.summary)).toContain(
      'cancelOrder failed (PartnerUnavailable): staff must ask the agency whether it booked under the order, and cancel it if so',
    );
    expect(await mailAbout(caseRef)).toEqual([]);
    await travelAgency.faults({ failNext: 0, scope: `return-${caseRef}/booking/1` });
    await recordHistoryIfAsked(temporal.workflow.getHandle(returnWorkflowId(caseRef)), 'booking-given-up-at-departure');
  }, 60_000);

  it("sends a failing booking again at once when a supervisor asks, instead of waiting out the retry's backoff", async () => {
    const caseRef = newCase('RESEND');
    await readyToBook(caseRef);
    await travelAgency.faults({ failNext: 3, status: 503, scope: `return-${caseRef}/booking/1` });
    expect((await post(caseRef, 'flights', { segments: flightsTo('LHE') })).status).toBe(200);
    // Three calls fail (at 0, 5 and 15 s); the agency is back, but the next try would wait until 35 s.
    const calls = async () =>
      (await travelAgency.calls()).filter((c) => c.idempotencyKey === `return-${caseRef}/booking/1`);
    await eventually(async () => ((await calls()).length === 3 ? true : undefined), { timeoutMs: 30_000 });

    const unstick = (body: object) =>
      supervisor.post(`/returns/${caseRef}/unstick`, { reason: 'Agency back', ...body });
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const extended = await unstick({ action: 'extend', until });
    expect([extended.status, extended.body.message]).toEqual([
      409,
      ['a partner call in flight is only sent again (resend), not extended'],
    ]);
    expect((await unstick({ action: 'resend' })).status).toBe(200);
    await caseWhere(http, caseRef, (b) => b.itineraries[0]?.status === 'booked', 10_000);
    expect((await calls()).map((c) => c.status)).toEqual([503, 503, 503, 201]);
    await recordHistoryIfAsked(temporal.workflow.getHandle(returnWorkflowId(caseRef)), 'booking-resent-by-supervisor');
  }, 60_000);

  it('lets the returnee leave on the booked flights after the agency refused a rebooking (422)', async () => {
    const caseRef = newCase('REBOOKKEPT');
    await readyToBook(caseRef);
    expect((await post(caseRef, 'flights', { segments: flightsTo('LHE') })).status).toBe(200);
    await booked(caseRef, 'RO201');

    await travelAgency.faults({ failNext: 1, status: 422, scope: `return-${caseRef}/booking/2` });
    expect((await post(caseRef, 'rebooking', { reason: 'schedule-change', segments: laterFlights() })).status).toBe(
      200,
    );
    const refused = await caseWhere(http, caseRef, (b) => b.waitingFor?.what?.includes('refused the rebooking'));
    // Staff decide what comes next: the agency owes nothing.
    expect(refused.waitingFor.partner).toBeUndefined();
    const listed = (await http.get(`/returns?partner=travel-agency:TEST`)).body.items as { caseRef: string }[];
    expect(listed.map((item) => item.caseRef)).not.toContain(caseRef);

    expect((await post(caseRef, 'departure')).status).toBe(200);
    const onTheWay = await caseWhere(http, caseRef, (b) => b.stage === 'transit');
    expect(onTheWay.itineraries.map((i: { status: string }) => i.status)).toEqual(['booked']);
    expect((await post(caseRef, 'withdrawal')).status).toBe(409);
    await recordHistoryIfAsked(
      temporal.workflow.getHandle(returnWorkflowId(caseRef)),
      'rebooking-refused-then-departed',
    );
  });

  it('goes on when the agency refuses (409) to cancel the old booking of a rebooking, and says so in the timeline', async () => {
    const caseRef = newCase('CANCELNO');
    await readyToBook(caseRef);
    expect((await post(caseRef, 'flights', { segments: flightsTo('LHE') })).status).toBe(200);
    await booked(caseRef, 'RO201');

    await travelAgency.faults({ failNext: 1, status: 409, path: '/cancel', scope: `return-${caseRef}/` });
    expect((await post(caseRef, 'rebooking', { reason: 'schedule-change', segments: laterFlights() })).status).toBe(
      200,
    );
    await booked(caseRef, 'QR220');
    await caseWhere(http, caseRef, (b) => b.timeline.some((e: { kind: string }) => e.kind === 'cancellation-failed'));
    const failed = (await http.get(`/returns/${caseRef}`)).body.timeline.find(
      (e: { kind: string }) => e.kind === 'cancellation-failed',
    );
    expect(failed.summary).toBe('cancelBooking failed (BookingRefused): staff must cancel it with the partner by hand');
    expect(await running(caseRef)).toBe('RUNNING');
    expect((await post(caseRef, 'departure')).status).toBe(200);
    await recordHistoryIfAsked(temporal.workflow.getHandle(returnWorkflowId(caseRef)), 'old-booking-cancel-refused');
  });

  it('withdraws after booking even when the agency refuses (422) the cancellation: every other partner is still told', async () => {
    const caseRef = newCase('WDNOCANCEL');
    await readyToBook(caseRef);
    expect((await post(caseRef, 'flights', { segments: flightsTo('LHE') })).status).toBe(200);
    await booked(caseRef, 'RO201');
    await waitForMail(caseRef, (m) => m.subject.startsWith('Reception and onward travel'));

    await travelAgency.faults({ failNext: 5, status: 422, path: '/cancel', scope: `return-${caseRef}/` });
    expect((await post(caseRef, 'withdrawal')).status).toBe(200);
    // The live stage closes first; the record's reason follows once the closure activity ran.
    const closed = await caseWhere(http, caseRef, (b) => b.stage === 'closed' && Boolean(b.outcomeReason));
    expect(closed.outcome).toBe('withdrawn');
    expect(await timelineKinds(caseRef)).toEqual(
      expect.arrayContaining(['cancellation-failed', 'airport-assistance-cancelled', 'onward-travel-cancelled']),
    );
    await eventually(async () => ((await running(caseRef)) === 'COMPLETED' ? true : undefined));
    await recordHistoryIfAsked(
      temporal.workflow.getHandle(returnWorkflowId(caseRef)),
      'withdrawn-with-booking-cancel-refused',
    );
  });

  it('withdraws after booking while the agency is down: the others are told at once, the booking cancelled once it is back', async () => {
    const caseRef = newCase('WDAGENCYDOWN');
    await readyToBook(caseRef);
    expect((await post(caseRef, 'flights', { segments: flightsTo('LHE') })).status).toBe(200);
    const [itinerary] = (await booked(caseRef, 'RO201')).itineraries;
    await waitForMail(caseRef, (m) => m.subject.startsWith('Reception and onward travel'));

    const down = { path: '/cancel', scope: `return-${caseRef}/` };
    await travelAgency.faults({ ...down, failNext: 1000, status: 503 });
    expect((await post(caseRef, 'withdrawal')).status).toBe(200);
    const retrying = await caseWhere(http, caseRef, (b) => Boolean(b.waitingFor?.what?.startsWith('cancelBooking')));
    expect(retrying.outcome).toBe('withdrawn');
    expect(retrying.waitingFor).toMatchObject({
      what: 'cancelBooking to go through, failing (PartnerUnavailable): tried again until the partner answers; the case closes then',
      partner: 'travel-agency',
    });
    // It stays in the failing list while it is tried again, not only once the new tries have failed three times.
    const { searchAttributes } = await temporal.workflow.getHandle(returnWorkflowId(caseRef)).describe();
    expect(searchAttributes.FailingStep).toEqual(['cancelBooking:HTTP-503']);
    expect(await timelineKinds(caseRef)).toEqual(
      expect.arrayContaining(['airport-assistance-cancelled', 'onward-travel-cancelled']),
    );
    // The record says withdrawn as the workflow does, while the case waits for the agency.
    expect(await disagreements(temporal, [caseRef])).toEqual([]);

    // The agency is back: a supervisor sends the cancellation again at once, not waiting out its backoff.
    await travelAgency.faults({ ...down, failNext: 0 });
    const supervisor = await signedInClient(stack.api.url, ['supervisor']);
    await eventually(async () => {
      const resent = await supervisor.post(`/returns/${caseRef}/unstick`, { action: 'resend', reason: 'Agency back' });
      return resent.status === 200 ? true : undefined;
    });

    const closed = await caseWhere(http, caseRef, (b) => b.workflow.status === 'COMPLETED', 10_000);
    expect(closed).toMatchObject({ stage: 'closed', outcome: 'withdrawn', waitingFor: null });
    expect(closed.itineraries[0]).toMatchObject({ bookingRef: itinerary.bookingRef, status: 'cancelled' });
    const atAgency = (await travelAgency.bookings()).find((b) => b.bookingRef === itinerary.bookingRef);
    expect(atAgency?.status).toBe('cancelled');
    expect(await timelineKinds(caseRef)).not.toContain('cancellation-failed');
    await recordHistoryIfAsked(
      temporal.workflow.getHandle(returnWorkflowId(caseRef)),
      'withdrawn-while-agency-down-failing-kept',
    );
  }, 90_000);

  it('retries a booking the agency answers with 429 and Retry-After, instead of taking it for a refusal', async () => {
    const caseRef = newCase('RATELIMIT');
    await readyToBook(caseRef);
    await travelAgency.faults({ failNext: 1, status: 429, retryAfter: 1, scope: `return-${caseRef}/booking/1` });
    expect((await post(caseRef, 'flights', { segments: flightsTo('LHE') })).status).toBe(200);
    await booked(caseRef, 'RO201');
    const statuses = (await travelAgency.calls())
      .filter((c) => c.idempotencyKey === `return-${caseRef}/booking/1`)
      .map((c) => c.status);
    expect(statuses).toEqual([429, 201]);
  });

  it('cancels a tranche the payment provider refuses (422), its amount back in the budget, and pays the next one after a 429, a handover meanwhile refused for now', async () => {
    const caseRef = newCase('PAYNO');
    await bringHome(http, caseRef, { programmeCode: programme });
    expect(
      (
        await post(caseRef, 'reintegration-plan', {
          items: [{ category: 'education', description: 'Fees', amount: 800 }],
        })
      ).status,
    ).toBe(200);
    expect((await post(caseRef, 'reintegration-plan/approval', {}, supervisor)).status).toBe(200);

    await paymentProvider.faults({ failNext: 1, status: 422, scope: `${caseRef}/tranche/1` });
    expect(
      (await post(caseRef, 'disbursements', { method: 'voucher', amount: 500, vendorCategory: 'books' })).status,
    ).toBe(200);
    expect((await post(caseRef, 'disbursements/1/approval', {}, finance)).status).toBe(200);
    const refused = await caseWhere(http, caseRef, (b) => b.reintegration.disbursements[0]?.status === 'cancelled');
    expect(refused.reintegration.budget).toMatchObject({ committed: '0.00', remaining: '800.00' });
    expect(refused.timeline.map((e: { summary: string }) => e.summary)).toContain(
      'Tranche 1 cancelled, unpaid: the payment provider refused POST /vouchers (422: unprocessable); its amount is back in the budget for a new request',
    );
    expect(await running(caseRef)).toBe('RUNNING');

    await paymentProvider.faults({ failNext: 1, status: 429, retryAfter: 3, scope: `${caseRef}/tranche/2` });
    expect(
      (await post(caseRef, 'disbursements', { method: 'voucher', amount: 500, vendorCategory: 'books' })).status,
    ).toBe(200);
    expect((await post(caseRef, 'disbursements/2/approval', {}, finance)).status).toBe(200);
    // A handover while the payment is on its way is refused for now, and accepted under the same key once paid.
    const handover = () =>
      http.call(
        'POST',
        `/returns/${caseRef}/disbursements/2/handover`,
        { documentRef: 'HC-2' },
        { 'idempotency-key': `handover-${caseRef}` },
      );
    const early = await handover();
    expect([early.status, early.body.message, early.headers.get('retry-after')]).toEqual([
      409,
      ['tranche 2 is being paid out: try again in a moment'],
      '2',
    ]);
    await caseWhere(http, caseRef, (b) => b.reintegration.disbursements[1]?.status === 'paid');
    // Paid in the record a moment before the workflow hears of it: sent again as Retry-After says.
    const late = await eventually(async () => {
      const answer = await handover();
      return answer.status === 409 && answer.headers.has('retry-after') ? undefined : answer;
    });
    expect(late.status).toBe(200);
    const vouchers = (await paymentProvider.vouchers()).filter((v) => v.reference.startsWith(`${caseRef}/`));
    expect(vouchers.map((v) => v.reference)).toEqual([`${caseRef}/tranche/2`]);
    await recordHistoryIfAsked(temporal.workflow.getHandle(returnWorkflowId(caseRef)), 'tranche-refused-then-paid');
  });

  it('asks the mission for its follow-up while the payment provider is down, and pays the tranche once it is back', async () => {
    const soon = await publishProgramme(stack.api.url, 'PAYDOWN', 'A follow-up soon after arrival', (policy) => ({
      ...policy,
      reintegration: {
        ...policy.reintegration,
        monitoring: { ...policy.reintegration.monitoring, offsets: ['PT15S'] },
      },
    }));
    const caseRef = newCase('PAYDOWN');
    await bringHome(http, caseRef, { programmeCode: soon });
    const items = [{ category: 'education', description: 'Fees', amount: 800 }];
    expect((await post(caseRef, 'reintegration-plan', { items })).status).toBe(200);
    expect((await post(caseRef, 'reintegration-plan/approval', {}, supervisor)).status).toBe(200);
    const tranche = `${caseRef}/tranche/1`;
    await paymentProvider.faults({ failNext: 1000, status: 503, scope: tranche });
    expect(
      (await post(caseRef, 'disbursements', { method: 'voucher', amount: 500, vendorCategory: 'books' })).status,
    ).toBe(200);
    expect((await post(caseRef, 'disbursements/1/approval', {}, finance)).status).toBe(200);

    await waitForMail(caseRef, (m) => m.subject === `Monitoring visit 1 - case ${caseRef}`, { timeoutMs: 30_000 });
    const meanwhile = (await http.get(`/returns/${caseRef}`)).body;
    expect(meanwhile.reintegration.disbursements[0].status).toBe('approved');
    expect(meanwhile.blockedBy).toEqual([expect.stringMatching(/^disburse: /)]);
    // No money moves after a closure: the supervisor is told why it waits, and when to ask again.
    const closing = { 'idempotency-key': `close-${caseRef}` };
    const close = () => supervisor.call('POST', `/returns/${caseRef}/closure`, { outcome: 're-migrated' }, closing);
    const early = await close();
    expect([early.status, early.headers.get('retry-after'), early.body.message]).toEqual([
      409,
      '2',
      ['tranche 1 is being paid out: the case closes once the payment is settled'],
    ]);
    expect((await http.get(`/returns/${caseRef}`)).body.pendingSteps).toEqual([
      expect.objectContaining({ step: 'closure' }),
    ]);

    await paymentProvider.faults({ failNext: 0, scope: tranche });
    await caseWhere(http, caseRef, (b) => b.reintegration.disbursements[0]?.status === 'paid', 60_000);
    await recordHistoryIfAsked(temporal.workflow.getHandle(returnWorkflowId(caseRef)), 'follow-up-while-payment-down');
    // Kept under its key, the closure is decided again once the payment is settled.
    await eventually(async () => ((await close()).status === 200 ? true : undefined), { timeoutMs: 30_000 });
    expect((await caseWhere(http, caseRef, (b) => b.stage === 'closed')).outcome).toBe('re-migrated');
  }, 120_000);

  it('closes as withdrawn at once while the consulate is missing from the directory, and asks no one anything after', async () => {
    const caseRef = newCase('WDNOCONSUL');
    // Not BJ: the journey's test adds a consulate for BJ, and spec files run side by side.
    await startDeclaredReturn(http, startReturnBody(caseRef, { destination: { country: 'KM', city: 'Moroni' } }));
    await caseWhere(http, caseRef, (b) => b.blockedBy.length > 0);
    expect((await post(caseRef, 'withdrawal')).status).toBe(200);
    // The live stage closes first; the record's reason follows once the closure activity ran.
    const closed = await caseWhere(http, caseRef, (b) => b.stage === 'closed' && Boolean(b.outcomeReason));
    expect(closed.outcome).toBe('withdrawn');
    await eventually(async () => ((await running(caseRef)) === 'COMPLETED' ? true : undefined));
    expect(await mailAbout(caseRef)).toEqual([]);
    await recordHistoryIfAsked(
      temporal.workflow.getHandle(returnWorkflowId(caseRef)),
      'withdrawn-while-consulate-missing',
    );
  });

  it('moves on once the document is recorded while the consulate, removed from the directory, cannot be reminded, and reminds it no more', async () => {
    // A consulate of its own (MR): spec files run side by side.
    const admin = await signedInClient(stack.api.url, ['administrator']);
    const consulate = {
      kind: 'consulate',
      place: 'MR',
      name: 'Consulate of Mauritania',
      email: 'consulate.mr@partners.test',
    };
    const added = await admin.post('/partners', consulate);
    expect(added.status).toBe(201);
    const caseRef = newCase('NOREMIND');
    const returnee = { givenName: 'Amina', familyName: 'Khan', dateOfBirth: '1990-04-12', nationality: 'MR' };
    await startDeclaredReturn(
      http,
      startReturnBody(caseRef, { destination: { country: 'MR', city: 'Nouakchott' }, returnee }),
    );
    await waitForMail(caseRef, (m) => m.subject === `Travel document request - case ${caseRef}`);
    // Removed by mistake: the reminder due in 3 s fails, and goes on failing.
    expect((await admin.call('DELETE', `/partners/${added.body.id}`)).status).toBe(204);
    await caseWhere(http, caseRef, (b) => b.blockedBy.some((line: string) => line.startsWith('remindTravelDocument')));
    expect((await post(caseRef, 'travel-document', ISSUED_DOCUMENT)).status).toBe(200);
    const moved = await caseWhere(http, caseRef, (b) => b.stage === 'travel-arrangements');
    expect(moved.blockedBy).toEqual([]);
    // Back in the directory, the consulate is reminded of nothing: the reminder stopped with the document.
    expect((await admin.post('/partners', consulate)).status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect((await mailAbout(caseRef)).map((m) => m.subject)).toEqual([`Travel document request - case ${caseRef}`]);
    await recordHistoryIfAsked(
      temporal.workflow.getHandle(returnWorkflowId(caseRef)),
      'document-while-reminder-failing',
    );
    const again = (await admin.get('/partners')).body.find((p: { place: string }) => p.place === 'MR');
    expect((await admin.call('DELETE', `/partners/${again.id}`)).status).toBe(204);
  });

  it('cancels what a slow agency booked as the returnee withdrew, however late its answer came', async () => {
    const caseRef = newCase('SLOWBOOK');
    await readyToBook(caseRef);
    const scope = `return-${caseRef}/booking/`;
    // Only the booking is slow: asked what it booked under the key meanwhile, the agency says it is still at work.
    await travelAgency.faults({ delayMs: 3000, scope, method: 'POST' });
    expect((await post(caseRef, 'flights', { segments: flightsTo('LHE') })).status).toBe(200);
    // The booking call is under way: the agency has the order and takes its time to answer.
    const handle = temporal.workflow.getHandle(returnWorkflowId(caseRef));
    await eventually(async () =>
      (await handle.describe()).raw.pendingActivities?.some(
        (a) => a.activityType?.name === 'bookFlights' && Number(a.state) === 2, // PENDING_ACTIVITY_STATE_STARTED
      )
        ? true
        : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await post(caseRef, 'withdrawal')).status).toBe(200);

    const closed = await caseWhere(
      http,
      caseRef,
      (b) => b.workflow.status === 'COMPLETED' && b.itineraries.length === 1,
      30_000,
    );
    expect(closed.outcome).toBe('withdrawn');
    const [itinerary] = closed.itineraries;
    expect(itinerary.status).toBe('cancelled');
    const atAgency = (await travelAgency.bookings()).find((b) => b.bookingRef === itinerary.bookingRef);
    expect(atAgency?.status).toBe('cancelled');
    expect(closed.timeline.map((e: { kind: string }) => e.kind)).toContain('booking-cancelled');
    const asked = (await travelAgency.calls()).filter((c) => c.idempotencyKey?.startsWith(scope));
    expect(asked.map((c) => `${c.method} ${c.path} ${c.status}`)).toContain('GET /bookings 409');
    await travelAgency.faults({ delayMs: 0, scope, method: 'POST' });
    await recordHistoryIfAsked(handle, 'withdrawn-while-booking-slow');
  }, 60_000);

  it('withdraws while the agency answers 503 to the booking: asks it, once back, what the order booked, with no partner asked', async () => {
    const caseRef = newCase('WDDOWN');
    await readyToBook(caseRef);
    const scope = `return-${caseRef}/`;
    await travelAgency.faults({ failNext: 1000, status: 503, scope });
    expect((await post(caseRef, 'flights', { segments: flightsTo('LHE') })).status).toBe(200);
    await caseWhere(http, caseRef, (b) => b.blockedBy.some((line: string) => line.startsWith('bookFlights')));
    expect((await post(caseRef, 'withdrawal')).status).toBe(200);
    // Withdrawn at once, in the record as in the workflow; the agency, down, cannot say yet what the order booked.
    const asking = await caseWhere(http, caseRef, (b) => Boolean(b.waitingFor?.what?.startsWith('cancelOrder')));
    expect(asking.outcome).toBe('withdrawn');
    expect(await disagreements(temporal, [caseRef])).toEqual([]);

    await travelAgency.faults({ failNext: 0, scope });
    const closed = await caseWhere(http, caseRef, (b) => b.stage === 'closed' && Boolean(b.outcomeReason), 60_000);
    expect(closed.outcome).toBe('withdrawn');
    expect(closed.outcomeReason).toBe('withdrawn by the returnee while the flights were being booked');
    const calls = (await travelAgency.calls()).filter((c) => c.idempotencyKey?.startsWith(scope));
    expect(calls.filter((c) => c.status !== 503).map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      'GET /bookings 404', // nothing was booked
    ]);
    expect(await mailAbout(caseRef)).toEqual([]);
    await eventually(async () => ((await running(caseRef)) === 'COMPLETED' ? true : undefined));
    await recordHistoryIfAsked(temporal.workflow.getHandle(returnWorkflowId(caseRef)), 'withdrawn-while-booking-fails');
  });

  it('books nothing at the agency to find out whether a booking cut short by a withdrawal went through', async () => {
    const caseRef = newCase('WDRETRY');
    await readyToBook(caseRef);
    // One 503, then the agency would book: the retry comes 8 s later, after the withdrawal.
    await travelAgency.faults({ failNext: 1, status: 503, retryAfter: 8, scope: `return-${caseRef}/` });
    expect((await post(caseRef, 'flights', { segments: flightsTo('LHE') })).status).toBe(200);
    await caseWhere(http, caseRef, (b) => b.blockedBy.some((line: string) => line.startsWith('bookFlights')));
    expect((await post(caseRef, 'withdrawal')).status).toBe(200);
    const closed = await caseWhere(http, caseRef, (b) => b.workflow.status === 'COMPLETED' && Boolean(b.outcomeReason));
    expect(closed.outcome).toBe('withdrawn');
    const calls = (await travelAgency.calls()).filter((c) => c.idempotencyKey?.startsWith(`return-${caseRef}/`));
    expect(calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual(['POST /bookings 503', 'GET /bookings 404']);
    expect(closed.timeline.map((e: { kind: string }) => e.kind)).not.toContain('cancellation-failed');
  });

  it('leaves every case above with its record and its workflow in agreement', async () => {
    expect(await disagreements(temporal, cases)).toEqual([]);
  });
});
