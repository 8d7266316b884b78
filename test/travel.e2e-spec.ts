import type { Client } from '@temporalio/client';
import { returnWorkflowId, type FlightSegment } from '@avrr/contracts';
import type { CaughtMessage } from '@avrr/local-stack';
import { mailAbout, waitForMail } from './support/caught-mail';
import { startDeclaredReturn } from './support/declared-return';
import { eventually } from './support/eventually';
import { ISSUED_DOCUMENT, startReturnBody, testPolicy } from './support/fixtures';
import { historyPayloads, recordHistoryIfAsked } from './support/histories';
import { apiClient, newCaseRef } from './support/http';
import { travelAgency } from './support/sandboxes';
import { runningReturnsStack, type RunningApi } from './support/running-apps';
import { publishProgramme } from './support/programmes';
import { signedInStaff, type SignedIn } from './support/staff';
import { TEST_CONSULATES, TEST_JOURNEY_PARTNERS } from './support/test-env';

const partner = (kind: string, place: string) =>
  TEST_JOURNEY_PARTNERS.find((p) => p.kind === kind && p.place === place)!;
const OTP = partner('airport-assistance', 'OTP');
const IST = partner('airport-assistance', 'IST');
const DOH = partner('airport-assistance', 'DOH');
const MISSION_PK = partner('mission', 'PK');
const STAY_RO = partner('accommodation', 'RO');
const AGENCY = partner('travel-agency', 'TEST');
const SUPERVISOR = testPolicy().escalationContacts[0];

/** Bucharest to Lahore through Istanbul (or Doha), leaving `inMs` from now. */
function flights(inMs: number, via: 'IST' | 'DOH' = 'IST'): FlightSegment[] {
  const at = (ms: number) => new Date(Date.now() + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return [
    { flight: via === 'IST' ? 'RO201' : 'QR220', from: 'OTP', to: via, departsAt: at(inMs) },
    { flight: via === 'IST' ? 'PK708' : 'QR614', from: via, to: 'LHE', departsAt: at(inMs + 3_600_000) },
  ];
}
const TOMORROW = 24 * 3_600_000;
const ESCORT = { kind: 'medical', givenName: 'Elena', familyName: 'Popescu' };
const FIT_TO_TRAVEL = { doneOn: '2026-11-20', note: 'Dr. Ionescu: fit to fly, oxygen on board' };
const FAMILY = [
  { givenName: 'Bilal', familyName: 'Khan', dateOfBirth: '1986-01-30', nationality: 'PK' },
  { givenName: 'Sara', familyName: 'Khan', dateOfBirth: '2014-03-03', nationality: 'PK' },
  { givenName: 'Yusuf', familyName: 'Khan', dateOfBirth: '2018-07-21', nationality: 'PK' },
];

/**
 * From travel arrangements to the final destination, through the HTTP API, with the real Temporal dev server,
 * PostgreSQL, SMTP server and sandbox travel agency.
 */
describe('the journey home: booking, assistance on the way, withdrawal', () => {
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

  const agencyCalls = async (caseRef: string) =>
    (await travelAgency.calls()).filter(
      (c) => c.path === '/bookings' && c.idempotencyKey?.startsWith(`return-${caseRef}/`),
    );
  const sandboxBooking = async (bookingRef: string) =>
    (await travelAgency.bookings()).find((b) => b.bookingRef === bookingRef);
  const cancelCalls = async (bookingRef: string) =>
    (await travelAgency.calls()).filter((c) => c.path === `/bookings/${bookingRef}/cancel`);

  const view = async (caseRef: string) => (await http.get(`/returns/${caseRef}`)).body;
  const until = (caseRef: string, holds: (body: any) => boolean, timeoutMs = 20_000) =>
    eventually(
      async () => {
        const body = await view(caseRef);
        return holds(body) ? body : undefined;
      },
      { timeoutMs, what: `case ${caseRef} to reach the expected state` },
    );
  const waitingFor = (caseRef: string, stage: string, what: string) =>
    until(caseRef, (b) => b.stage === stage && b.waitingFor?.what === what);
  const booked = (caseRef: string) =>
    until(caseRef, (b) => b.stage === 'departure' && b.waitingFor?.what === 'confirmation of the departure (OTP)');

  /** A declared return of travellers who hold valid passports, waiting for what the journey needs first. */
  const readyToBook = async (
    caseRef: string,
    overrides: Record<string, unknown> = {},
    first = 'flights chosen by the case worker',
  ) => {
    await startDeclaredReturn(http, startReturnBody(caseRef, { hasValidTravelDocument: true, ...overrides }));
    await waitingFor(caseRef, 'travel-arrangements', first);
  };
  const post = (caseRef: string, step: string, body: unknown = {}) => http.post(`/returns/${caseRef}/${step}`, body);
  const subjects = (mail: CaughtMessage[]) => mail.map((m) => m.subject);
  const travellerLines = (text: string) => text.split('\n').filter((line) => /^- [A-Z]+, /.test(line));

  it('takes a single adult home through one transit, booked through the agency API, reminding and escalating a silent airport team', async () => {
    const caseRef = newCaseRef('HOME');
    await readyToBook(caseRef);
    const segments = flights(2_000);
    expect((await post(caseRef, 'flights', { segments })).status).toBe(200);

    const departure = await booked(caseRef);
    const [itinerary] = departure.itineraries;
    expect(itinerary).toMatchObject({ channel: 'agency-api', status: 'booked', segments });
    expect(await agencyCalls(caseRef)).toEqual([
      { method: 'POST', path: '/bookings', idempotencyKey: `return-${caseRef}/booking/1`, status: 201 },
    ]);
    expect((await sandboxBooking(itinerary.bookingRef))?.travellers).toEqual([
      { givenName: 'Amina', familyName: 'Khan', type: 'adult' },
    ]);

    const [toOtp] = await waitForMail(caseRef, (m) => m.subject.startsWith('Airport assistance (departure, OTP)'));
    expect(toOtp.to).toEqual([OTP.email]);
    expect(toOtp.text).toContain(`on these flights (booking ${itinerary.bookingRef})`);
    expect(toOtp.text).toContain('- RO201 OTP -> IST');
    expect(travellerLines(toOtp.text)).toEqual(['- KHAN, Amina']); // airport teams get no birth dates
    const [toIst] = await waitForMail(caseRef, (m) => m.subject.startsWith('Airport assistance (transit, IST)'));
    expect(toIst.to).toEqual([IST.email]);
    const [toMission] = await waitForMail(caseRef, (m) => m.subject.startsWith('Reception and onward travel'));
    expect(toMission.to).toEqual([MISSION_PK.email]);
    expect(toMission.text).toContain('arriving at LHE on PK708');
    expect(toMission.text).toContain('travel to Lahore');

    // The departure team stays silent past the flight: reminded after PT3S, escalated after PT8S.
    const [reminder] = await waitForMail(caseRef, (m) =>
      m.subject.startsWith('Reminder 1: please confirm the departure'),
    );
    expect(reminder.to).toEqual([OTP.email]);
    // The team assists many travellers: the flights tell it which trip, the names stay out.
    expect(reminder.text).toMatch(/Their flights:\n- RO201 OTP -> IST/);
    expect(reminder.text).not.toContain('Amina');
    const [escalation] = await waitForMail(
      caseRef,
      (m) => m.subject === `Escalation: departure not confirmed - case ${caseRef}`,
    );
    expect(escalation.to).toEqual([SUPERVISOR]);
    expect(escalation.text).toContain(OTP.name);
    expect(escalation.text).not.toContain('Amina');
    expect(
      (await until(caseRef, (b) => Boolean(b.waitingFor?.escalatedAt))).waitingFor.remindersSent,
    ).toBeGreaterThanOrEqual(1);

    const departed = await post(caseRef, 'departure');
    expect(departed.status).toBe(200);
    expect(departed.body.allowances).toEqual([
      expect.objectContaining({ givenName: 'Amina', amount: '100.00', currency: 'USD' }),
    ]);
    const lateWithdrawal = await post(caseRef, 'withdrawal');
    expect([lateWithdrawal.status, lateWithdrawal.body.message]).toEqual([
      409,
      ['the returnee has departed: a withdrawal is possible only before departure'],
    ]);

    await until(caseRef, (b) => b.stage === 'transit' && b.waitingFor?.what === 'confirmation of the transit (IST)');
    const wrongAirport = await post(caseRef, 'transit', { airport: 'DOH' });
    expect([wrongAirport.status, wrongAirport.body.message]).toEqual([
      409,
      ['the travellers are expected in transit at IST, not DOH'],
    ]);
    expect((await post(caseRef, 'transit', { airport: 'IST' })).status).toBe(200);
    await until(caseRef, (b) => b.stage === 'arrival' && b.waitingFor?.partner === 'mission');
    expect((await post(caseRef, 'arrival')).status).toBe(200);
    await until(caseRef, (b) => b.stage === 'onward-travel' && b.waitingFor?.partner === 'mission');
    const journeyRun = (await view(caseRef)).workflow.runId;
    expect((await post(caseRef, 'onward-travel')).status).toBe(200);

    // Home: the return continues as new into reintegration, leaving the journey's history behind.
    const home = await until(caseRef, (b) => b.stage === 'reintegration' && b.waitingFor?.partner === 'mission');
    expect(home.workflow).toMatchObject({ status: 'RUNNING' });
    expect(home.workflow.runId).not.toBe(journeyRun);
    expect(home.waitingFor.what).toBe('reintegration plan from the mission');
    const kinds = home.timeline.map((e: { kind: string }) => e.kind);
    for (const kind of [
      'flights-recorded',
      'flights-booked',
      'airport-assistance-requested',
      'onward-travel-requested',
      'confirmation-reminder',
      'confirmation-escalated',
      'departure-recorded',
      'transit-recorded',
      'arrival-recorded',
      'onward-travel-recorded',
      'reintegration-plan-requested',
    ]) {
      expect(kinds).toContain(kind);
    }
    expect(home.timeline.find((e: { kind: string }) => e.kind === 'departure-recorded').summary).toBe(
      'Departure confirmed; return allowance handed over: 1 adult(s) x 100.00 USD = 100.00 USD',
    );
    expect(
      (await http.get('/returns?stage=reintegration&pageSize=200')).body.items.map((c: any) => c.caseRef),
    ).toContain(caseRef);
    const handle = temporal.workflow.getHandle(returnWorkflowId(caseRef), journeyRun);
    const payloads = await historyPayloads(handle);
    for (const personal of ['Amina', 'Khan', '1990-04-12', 'Lahore']) expect(payloads).not.toContain(personal);
    await recordHistoryIfAsked(handle, 'home-with-case-records-local');
  }, 90_000);

  it('books a family of four with a medical need only after fit-to-travel, with an escort on the same flights, and hands allowances to the adults', async () => {
    const caseRef = newCaseRef('FAMILY');
    await readyToBook(
      caseRef,
      { vulnerabilities: ['medical-need'], dependants: FAMILY },
      'fit-to-travel to be recorded before booking',
    );
    const segments = flights(TOMORROW);

    const tooEarly = await post(caseRef, 'flights', { segments, escort: ESCORT });
    expect([tooEarly.status, tooEarly.body.message]).toEqual([
      409,
      ['a fit-to-travel confirmation must be recorded before the flights are booked'],
    ]);
    const notNeeded = await post(caseRef, 'family-tracing', { doneOn: '2026-11-20', note: 'n/a' });
    expect([notNeeded.status, notNeeded.body.message]).toEqual([
      409,
      ['this case needs no family-tracing (none of its needs call for it)'],
    ]);
    expect((await post(caseRef, 'fit-to-travel', FIT_TO_TRAVEL)).status).toBe(200);
    const unescorted = await post(caseRef, 'flights', { segments });
    expect([unescorted.status, unescorted.body.message]).toEqual([
      409,
      ['an escort must travel on the same flights: name one'],
    ]);
    const chosen = await post(caseRef, 'flights', { segments, escort: ESCORT });
    expect(chosen.status).toBe(200);
    expect(chosen.body.escort).toEqual(ESCORT);
    expect(chosen.body.travelChecks).toEqual([
      expect.objectContaining({ check: 'fit-to-travel', doneOn: '2026-11-20' }),
    ]);

    const { itineraries } = await booked(caseRef);
    // Each on the fare of their age on the first flight: Sara is 12 (an adult's), Yusuf 8 (a child's).
    expect((await sandboxBooking(itineraries[0].bookingRef))?.travellers).toEqual([
      { givenName: 'Amina', familyName: 'Khan', type: 'adult' },
      { givenName: 'Bilal', familyName: 'Khan', type: 'adult' },
      { givenName: 'Sara', familyName: 'Khan', type: 'adult' },
      { givenName: 'Yusuf', familyName: 'Khan', type: 'child' },
      { givenName: 'Elena', familyName: 'Popescu', type: 'adult' },
    ]);
    for (const subject of [
      'Airport assistance (departure, OTP)',
      'Airport assistance (transit, IST)',
      'Reception and onward travel',
    ]) {
      const [request] = await waitForMail(caseRef, (m) => m.subject.startsWith(subject));
      expect(travellerLines(request.text)).toHaveLength(4);
      expect(request.text).toContain('Escort on the same flights (medical): POPESCU, Elena');
      expect(request.text).not.toContain('oxygen'); // the doctor's note stays with staff
      // The mission meets them on arrival as the airport teams do: it knows what assistance they need.
      expect(request.text).toContain('Assistance needed: medical-need.');
    }

    const departed = await post(caseRef, 'departure');
    expect(departed.status).toBe(200);
    expect(
      departed.body.allowances.map((a: { givenName: string; amount: string }) => [a.givenName, a.amount]).sort(),
    ).toEqual([
      ['Amina', '100.00'],
      ['Bilal', '100.00'],
    ]);
    expect(departed.body.timeline.find((e: { kind: string }) => e.kind === 'departure-recorded').summary).toBe(
      'Departure confirmed; return allowance handed over: 2 adult(s) x 100.00 USD = 200.00 USD',
    );
    expect((await post(caseRef, 'departure')).status).toBe(409);
    expect((await post(caseRef, 'withdrawal')).status).toBe(409);
    const handle = temporal.workflow.getHandle(returnWorkflowId(caseRef));
    const payloads = await historyPayloads(handle);
    for (const personal of ['Bilal', 'Popescu', 'oxygen', 'Ionescu']) expect(payloads).not.toContain(personal);
    await recordHistoryIfAsked(handle, 'family-escorted-departed');
  });

  it('books only flights from the host country to the country of return, and asks no partner otherwise', async () => {
    const caseRef = newCaseRef('NOTHOME');
    await readyToBook(caseRef);
    const [toIstanbul] = flights(TOMORROW);
    const [refused, unknown, elsewhere] = await Promise.all([
      post(caseRef, 'flights', { segments: [toIstanbul] }),
      post(caseRef, 'flights', { segments: [{ ...toIstanbul, to: 'XZX' }] }),
      post(caseRef, 'flights', { segments: [{ ...toIstanbul, from: 'CDG', to: 'LHE' }] }),
    ]);
    expect([refused.status, refused.body.message]).toEqual([
      400,
      ['segments[0].to must be an airport in the country of return (PK): IST is in TR'],
    ]);
    expect([unknown.status, unknown.body.message]).toEqual([
      400,
      ["segments[0].to must be an airport's IATA code: XZX is none"],
    ]);
    expect([elsewhere.status, elsewhere.body.message]).toEqual([
      400,
      ['segments[0].from must be an airport in the host country (RO): CDG is in FR'],
    ]);
    expect(await agencyCalls(caseRef)).toEqual([]);
    expect((await post(caseRef, 'flights', { segments: flights(TOMORROW) })).status).toBe(200);
  });

  it('books no flight that leaves after the travel document expires', async () => {
    const caseRef = newCaseRef('EXPIRES');
    await startDeclaredReturn(http, startReturnBody(caseRef));
    await waitForMail(caseRef, (m) => m.subject.startsWith('Travel document request'));
    const expiresOn = new Date(Date.now() + 3 * TOMORROW).toISOString().slice(0, 10);
    expect((await post(caseRef, 'travel-document', { ...ISSUED_DOCUMENT, expiresOn })).status).toBe(200);
    await waitingFor(caseRef, 'travel-arrangements', 'flights chosen by the case worker');
    const late = await post(caseRef, 'flights', { segments: flights(5 * TOMORROW) });
    expect([late.status, late.body.message]).toEqual([
      400,
      [`segments[1].departsAt must be on or before the day the travel document expires (${expiresOn})`],
    ]);
    expect(await agencyCalls(caseRef)).toEqual([]);
    expect((await post(caseRef, 'flights', { segments: flights(TOMORROW) })).status).toBe(200);

    // A traveller who holds a passport has it recorded before booking: the same check applies.
    const own = newCaseRef('PASSPORT');
    await readyToBook(own);
    const passport = { documentType: 'passport', documentNumber: 'AB1234567', expiresOn };
    expect((await post(own, 'travel-document', passport)).status).toBe(200);
    const afterExpiry = await post(own, 'flights', { segments: flights(5 * TOMORROW) });
    expect([afterExpiry.status, afterExpiry.body.message]).toEqual([
      400,
      [`segments[1].departsAt must be on or before the day the travel document expires (${expiresOn})`],
    ]);
  });

  it('refuses a departure confirmed the day before the flight, from six hours before it unless the policy says', async () => {
    const programme = await publishProgramme(api.url, 'DAYOF', 'Departure on the day', (p) => ({
      ...p,
      travel: { ...p.travel, departureConfirmableFrom: undefined },
    }));
    const caseRef = newCaseRef('DAYOF');
    await readyToBook(caseRef, { programmeCode: programme });
    const segments = flights(TOMORROW);
    expect((await post(caseRef, 'flights', { segments })).status).toBe(200);
    await booked(caseRef);
    const early = await post(caseRef, 'departure');
    expect([early.status, early.body.message]).toEqual([
      409,
      [`departure can be confirmed from 6 hours before the first flight (RO201 at ${segments[0].departsAt})`],
    ]);
    // Still before departure: the returnee may still withdraw.
    expect((await post(caseRef, 'withdrawal')).status).toBe(200);
  });

  it('refuses a transit or an arrival confirmed before the flight that takes the travellers there leaves, and nights after it', async () => {
    const programme = await publishProgramme(api.url, 'LANDED', 'Arrival once the flight left', (p) => ({
      ...p,
      travel: { ...p.travel, arrivalConfirmableFrom: undefined },
    }));
    const caseRef = newCaseRef('LANDED');
    await readyToBook(caseRef, { programmeCode: programme });
    const segments = flights(TOMORROW);
    expect((await post(caseRef, 'flights', { segments })).status).toBe(200);
    await booked(caseRef);
    // Nor are nights arranged in the host country after the travellers have left it.
    const day = (n: number) => new Date(Date.now() + n * TOMORROW).toISOString().slice(0, 10);
    const leaving = segments[0].departsAt.slice(0, 10);
    const after = await post(caseRef, 'accommodation', { from: day(0), until: day(3) });
    expect([after.status, after.body.message]).toEqual([
      400,
      [`until must be on or before the day the first flight leaves (RO201 on ${leaving})`],
    ]);
    expect((await post(caseRef, 'departure')).status).toBe(200);
    await until(caseRef, (b) => b.stage === 'transit');
    const transit = await post(caseRef, 'transit', { airport: 'IST' });
    expect([transit.status, transit.body.message]).toEqual([
      409,
      [`the travellers cannot be in transit at IST before their flight RO201 leaves (${segments[0].departsAt})`],
    ]);
    expect((await until(caseRef, (b) => b.stage === 'transit')).timeline.at(-1).kind).not.toBe('transit-recorded');
  });

  it('refuses to book an unaccompanied child until family tracing is recorded', async () => {
    const caseRef = newCaseRef('CHILD');
    await readyToBook(
      caseRef,
      {
        targetGroup: 'unaccompanied-child',
        vulnerabilities: ['unaccompanied-child'],
        returnee: { givenName: 'Hamza', familyName: 'Ali', dateOfBirth: '2011-05-05', nationality: 'PK' },
      },
      'family-tracing to be recorded before booking',
    );
    const escort = { kind: 'humanitarian', givenName: 'Ioana', familyName: 'Dumitru' };
    const refused = await post(caseRef, 'flights', { segments: flights(TOMORROW), escort });
    expect([refused.status, refused.body.message]).toEqual([
      409,
      ['family tracing must be recorded before an unaccompanied child is booked'],
    ]);
    expect(await agencyCalls(caseRef)).toEqual([]);
    expect((await view(caseRef)).escort).toBeNull(); // the refused step wrote nothing

    const traced = { doneOn: '2026-11-19', note: 'Uncle in Lahore located by IOM Pakistan, will receive him' };
    expect((await post(caseRef, 'family-tracing', traced)).status).toBe(200);
    expect((await post(caseRef, 'flights', { segments: flights(TOMORROW), escort })).status).toBe(200);
    const { itineraries } = await booked(caseRef);
    expect((await sandboxBooking(itineraries[0].bookingRef))?.travellers).toEqual([
      { givenName: 'Hamza', familyName: 'Ali', type: 'adult' },
      { givenName: 'Ioana', familyName: 'Dumitru', type: 'adult' },
    ]);
    // The allowance is handed to adults: the child travels without one, and the timeline says so.
    const departed = await post(caseRef, 'departure');
    expect(departed.status).toBe(200);
    expect(departed.body.allowances).toEqual([]);
    expect(departed.body.timeline.find((e: { kind: string }) => e.kind === 'departure-recorded').summary).toBe(
      'Departure confirmed; no return allowance: it is handed to adults, and none travels',
    );
  });

  it('rebooks a missed flight: the old booking is cancelled, everyone who had it is told, the new flights are requested', async () => {
    const caseRef = newCaseRef('REBOOK');
    await readyToBook(caseRef);
    expect((await post(caseRef, 'flights', { segments: flights(TOMORROW) })).status).toBe(200);
    const first = (await booked(caseRef)).itineraries[0];
    await waitForMail(caseRef, (m) => m.subject.startsWith('Reception and onward travel'));

    const broken = await post(caseRef, 'rebooking', {
      reason: 'missed-flight',
      segments: [flights(TOMORROW)[0], { ...flights(TOMORROW, 'DOH')[1], from: 'DOH' }],
    });
    expect([broken.status, broken.body.message]).toEqual([400, ['segments[1].from must be IST, where flight 1 lands']]);
    const [out, on] = flights(TOMORROW);
    const tooTight = { ...on, departsAt: new Date(Date.parse(out.departsAt) + 4 * 60_000).toISOString() };
    const missed = await post(caseRef, 'rebooking', { reason: 'missed-flight', segments: [out, tooTight] });
    expect([missed.status, missed.body.message]).toEqual([
      400,
      [
        `segments[1].departsAt must be at least an hour after flight 1's departure (${out.departsAt}): the flight and the connection`,
      ],
    ]);
    const newFlights = flights(2 * TOMORROW, 'DOH');
    expect((await post(caseRef, 'rebooking', { reason: 'missed-flight', segments: newFlights })).status).toBe(200);

    const rebooked = await until(caseRef, (b) => b.itineraries.length === 2 && b.itineraries[1].status === 'cancelled');
    const [current, old] = rebooked.itineraries;
    expect(old.bookingRef).toBe(first.bookingRef);
    expect(current).toMatchObject({ status: 'booked', segments: newFlights });
    expect((await agencyCalls(caseRef)).map((c) => c.idempotencyKey)).toEqual([
      `return-${caseRef}/booking/1`,
      `return-${caseRef}/booking/2`,
    ]);
    expect((await cancelCalls(first.bookingRef)).map((c) => c.status)).toEqual([200]);
    expect((await sandboxBooking(first.bookingRef))?.status).toBe('cancelled');

    const told = await waitForMail(caseRef, (m) => m.subject.startsWith('Cancelled:'), { count: 3 });
    expect(told.map((m) => m.to[0]).sort()).toEqual([IST.email, MISSION_PK.email, OTP.email].sort());
    for (const message of told) expect(message.text).toContain('booked on other flights');
    // Istanbul's team is off the new route (through Doha): it waits for no new request. The others get one.
    const toldTo = (partner: { email: string }) => told.find((m) => m.to[0] === partner.email)!.text;
    expect(toldTo(IST)).toContain(`which do not pass through ${IST.place}`);
    expect(toldTo(IST)).toContain('Nothing more is asked of you for this case.');
    for (const partner of [OTP, MISSION_PK]) {
      expect(toldTo(partner)).toContain('A new request with the new flights follows.');
    }
    const [toDoh] = await waitForMail(caseRef, (m) => m.subject.startsWith('Airport assistance (transit, DOH)'));
    expect(toDoh.to).toEqual([DOH.email]);
    expect(toDoh.text).toContain(`(booking ${current.bookingRef})`);
    const requests = await waitForMail(caseRef, (m) => m.subject.startsWith('Reception and onward travel'), {
      count: 2,
    });
    expect(requests[1].text).toContain('on QR614');
    const departure = await waitForMail(caseRef, (m) => m.subject.startsWith('Airport assistance (departure, OTP)'), {
      count: 2,
    });
    expect(departure[1].text).toContain('- QR220 OTP -> DOH');
    await booked(caseRef);

    expect((await post(caseRef, 'departure')).status).toBe(200);
    await until(caseRef, (b) => b.stage === 'transit' && b.waitingFor?.what === 'confirmation of the transit (DOH)');
    await recordHistoryIfAsked(temporal.workflow.getHandle(returnWorkflowId(caseRef)), 'rebooked-then-departed');
  });

  it('takes nights arranged by requests sent at once in one order: the record holds what the partner was last asked', async () => {
    const caseRef = newCaseRef('NIGHTS');
    await readyToBook(caseRef);
    const day = (n: number) => new Date(Date.now() + n * TOMORROW).toISOString().slice(0, 10);
    const answers = await Promise.all(
      [1, 2, 3, 4].map((n) => post(caseRef, 'accommodation', { from: day(0), until: day(n) })),
    );
    // Each is taken, or asked again shortly while other nights are being decided.
    for (const answer of answers) expect([200, 409]).toContain(answer.status);
    const later = answers.filter((a) => a.status === 409);
    for (const answer of later) {
      expect(answer.body.message).toEqual(['other nights are being arranged for this case: send these again shortly']);
    }
    // The partner's last request (nights taken while one went out are sent as one revision) is what the case holds.
    const asked = await eventually(async () => {
      const [last] = (await mailAbout(caseRef)).filter((m) => m.subject.startsWith('Accommodation')).slice(-1);
      const { accommodation } = await view(caseRef);
      return last?.text.includes(`from ${day(0)} until ${accommodation.until}`) ? accommodation : undefined;
    });
    const taken = answers.filter((a) => a.status === 200).map((a) => a.body.accommodation.until);
    expect(taken).toContain(asked.until);
    expect((await post(caseRef, 'withdrawal')).status).toBe(200);
  });

  it('rebooks a connection missed in transit from the transit airport: only the legs not flown are undone and asked anew', async () => {
    const caseRef = newCaseRef('MISSEDCX');
    await readyToBook(caseRef);
    const planned = flights(TOMORROW);
    expect((await post(caseRef, 'flights', { segments: planned })).status).toBe(200);
    const first = (await booked(caseRef)).itineraries[0];
    await waitForMail(caseRef, (m) => m.subject.startsWith('Reception and onward travel'));
    // Before the flight there is no departure to confirm: a supervisor's reminder to confirm it is refused.
    const supervisor = apiClient(api.url, (await signedInStaff(api.url, ['supervisor'])).token);
    const early = await supervisor.post(`/returns/${caseRef}/unstick`, { action: 'resend', reason: 'Lost the mail' });
    expect([early.status, early.body.message]).toEqual([
      409,
      [
        `the flight leaves at ${planned[0].departsAt.replace('Z', '.000Z')}: the team has the request, and is reminded to confirm after it`,
      ],
    ]);
    expect((await post(caseRef, 'departure')).status).toBe(200);
    await until(caseRef, (b) => b.stage === 'transit' && b.waitingFor?.what === 'confirmation of the transit (IST)');

    // The returnee missed PK708 at Istanbul: new flights leave from there, not from home.
    const fromHome = await post(caseRef, 'rebooking', { reason: 'missed-flight', segments: flights(2 * TOMORROW) });
    expect([fromHome.status, fromHome.body.message]).toEqual([
      409,
      ['in transit, the new flights leave from IST, where the travellers wait for their connection'],
    ]);
    const onward = {
      flight: 'TK714',
      from: 'IST',
      to: 'LHE',
      departsAt: flights(TOMORROW + 6 * 3_600_000)[0].departsAt,
    };
    expect((await post(caseRef, 'rebooking', { reason: 'missed-flight', segments: [onward] })).status).toBe(200);

    // The old booking keeps the flight flown; only the missed one is cancelled with the agency.
    const rebooked = await until(
      caseRef,
      (b) => b.itineraries.length === 2 && b.itineraries[1].status === 'partly-cancelled',
    );
    expect(rebooked.itineraries[0]).toMatchObject({ status: 'booked', segments: [onward] });
    const old = await sandboxBooking(first.bookingRef);
    expect(old?.status).toBe('confirmed');
    expect(old?.segments.map((s) => [s.flight, Boolean(s.cancelled)])).toEqual([
      ['RO201', false],
      ['PK708', true],
    ]);
    expect(rebooked.timeline.map((e: { summary: string }) => e.summary)).toContain(
      `Booking ${first.bookingRef}: PK708 IST-LHE cancelled (replaced by new flights); the flights flown stand`,
    );
    // Istanbul's team and the mission had the old connection: told, then asked for the new one; Bucharest's is not.
    const told = await waitForMail(caseRef, (m) => m.subject.startsWith('Cancelled:'), { count: 2 });
    expect(told.map((m) => m.to[0]).sort()).toEqual([IST.email, MISSION_PK.email].sort());
    const transit = await waitForMail(caseRef, (m) => m.subject.startsWith('Airport assistance (transit, IST)'), {
      count: 2,
    });
    expect(transit[1].text).toContain('TK714');
    const reception = await waitForMail(caseRef, (m) => m.subject.startsWith('Reception and onward travel'), {
      count: 2,
    });
    expect(reception[1].text).toContain('on TK714');
    expect(
      (await mailAbout(caseRef)).filter((m) => m.subject.startsWith('Cancelled: airport assistance (departure')),
    ).toEqual([]);

    // Where the travellers wait, as the console offers it: the new flights leave from there.
    const waiting = await until(caseRef, (b) => b.waitingFor?.what === 'confirmation of the transit (IST)');
    expect(waiting.waitingFor).toMatchObject({ partner: 'airport-assistance', place: 'IST' });
    expect((await post(caseRef, 'transit', { airport: 'IST' })).status).toBe(200);
    await until(caseRef, (b) => b.stage === 'arrival');
    await recordHistoryIfAsked(
      temporal.workflow.getHandle(returnWorkflowId(caseRef)),
      'connection-rebooked-in-transit',
    );
  });

  it('undoes everything booked and requested, newest first and each once, when the returnee withdraws after booking', async () => {
    const caseRef = newCaseRef('UNDO');
    await startDeclaredReturn(http, startReturnBody(caseRef));
    await waitForMail(caseRef, (m) => m.subject.startsWith('Travel document request'));
    expect((await post(caseRef, 'travel-document', ISSUED_DOCUMENT)).status).toBe(200);
    await waitingFor(caseRef, 'travel-arrangements', 'flights chosen by the case worker');

    const stay = {
      from: new Date().toISOString().slice(0, 10),
      until: new Date(Date.now() + TOMORROW).toISOString().slice(0, 10),
    };
    const backwards = await post(caseRef, 'accommodation', { from: stay.until, until: stay.from });
    expect([backwards.status, backwards.body.message]).toEqual([
      400,
      [`until must be after from (${stay.until}): a night at least`],
    ]);
    const noNight = await post(caseRef, 'accommodation', { from: stay.from, until: stay.from });
    expect([noNight.status, noNight.body.message]).toEqual([
      400,
      [`until must be after from (${stay.from}): a night at least`],
    ]);
    expect((await post(caseRef, 'accommodation', stay)).status).toBe(200);
    const [stayRequest] = await waitForMail(caseRef, (m) => m.subject.startsWith('Accommodation request'));
    expect(stayRequest.to).toEqual([STAY_RO.email]);
    expect(stayRequest.text).toContain(`from ${stay.from} until ${stay.until}`);
    const again = await post(caseRef, 'accommodation', stay);
    expect([again.status, again.body.message]).toEqual([
      409,
      [`accommodation is already arranged from ${stay.from} until ${stay.until}`],
    ]);
    // The flights leave later than planned: the nights are arranged again, and the partner gets the new ones.
    const longer = { ...stay, until: new Date(Date.now() + 3 * TOMORROW).toISOString().slice(0, 10) };
    expect((await post(caseRef, 'accommodation', longer)).status).toBe(200);
    const [revision] = await waitForMail(caseRef, (m) => m.subject.startsWith('Accommodation changed'));
    expect(revision.to).toEqual([STAY_RO.email]);
    expect(revision.text).toContain(`from ${longer.from} until ${longer.until} instead`);
    expect((await http.get(`/returns/${caseRef}`)).body.accommodation).toMatchObject({ ...longer, status: 'arranged' });
    // Flights leaving before those nights end are refused until the nights are arranged again.
    const tooSoon = flights(TOMORROW);
    const tooEarly = await post(caseRef, 'flights', { segments: tooSoon });
    const leaves = tooSoon[0].departsAt.slice(0, 10);
    expect([tooEarly.status, tooEarly.body.message]).toEqual([
      400,
      [
        `segments[0].departsAt leaves on ${leaves}, before the accommodation arranged until ${longer.until} ends: arrange its nights again first`,
      ],
    ]);
    const inAMonth = flights(30 * TOMORROW);
    expect((await post(caseRef, 'flights', { segments: inAMonth })).status).toBe(200);
    const { itineraries } = await booked(caseRef);
    // Flights leaving after the nights end are taken: the case says the nights are short until arranged again.
    expect((await http.get(`/returns/${caseRef}`)).body.blockedBy).toEqual([
      `accommodation arranged until ${longer.until}, but the flights leave on ${inAMonth[0].departsAt.slice(0, 10)}: arrange it again`,
    ]);
    await waitForMail(caseRef, (m) => m.subject.startsWith('Reception and onward travel'));
    const before = (await mailAbout(caseRef)).length;

    // Departure recorded a month early is a mistake: it would hand over the allowance and end the right to withdraw.
    const early = await post(caseRef, 'departure');
    expect([early.status, early.body.message]).toEqual([
      409,
      [`departure can be confirmed from 48 hours before the first flight (RO201 at ${inAMonth[0].departsAt})`],
    ]);
    expect((await http.get(`/returns/${caseRef}`)).body.allowances).toEqual([]);
    // A withdrawal takes no fields: one sent anyway is refused, not dropped, and the return goes on.
    const withReason = await post(caseRef, 'withdrawal', { reason: 'found work in Bucharest' });
    expect([withReason.status, withReason.body.message]).toEqual([400, ['property reason should not exist']]);
    expect((await http.get(`/returns/${caseRef}`)).body.outcome).toBeNull();
    // The answer says the withdrawal took, while the partners are told: the case closes once that is done.
    const withdrawn = await post(caseRef, 'withdrawal');
    expect([withdrawn.status, withdrawn.body.outcome, withdrawn.body.waitingFor]).toEqual([200, 'withdrawn', null]);
    const closed = await until(caseRef, (b) => b.workflow.status === 'COMPLETED');
    expect(closed).toMatchObject({ stage: 'closed', outcome: 'withdrawn', waitingFor: null });
    expect(closed.outcomeReason).toBe('withdrawn by the returnee after the flights were booked');
    expect(closed.itineraries[0]).toMatchObject({ bookingRef: itineraries[0].bookingRef, status: 'cancelled' });
    expect(closed.accommodation).toMatchObject({ ...longer, status: 'cancelled' });

    expect((await cancelCalls(itineraries[0].bookingRef)).map((c) => c.status)).toEqual([200]);
    const afterwards = (await mailAbout(caseRef)).slice(before);
    expect(subjects(afterwards)).toEqual([
      `Cancelled: reception and onward travel - case ${caseRef}`,
      `Cancelled: airport assistance (transit, IST) - case ${caseRef}`,
      `Cancelled: airport assistance (departure, OTP) - case ${caseRef}`,
      `Cancelled: accommodation - case ${caseRef}`,
      `Not to be used: travel document - case ${caseRef}`,
    ]);
    // The consulate issued the document: it is told the document will not be used, not to disregard a request.
    expect(afterwards.at(-1)!.text).toContain('The travel document you issued for case');
    expect(afterwards.map((m) => m.to[0])).toEqual([
      MISSION_PK.email,
      IST.email,
      OTP.email,
      STAY_RO.email,
      TEST_CONSULATES.PK.email,
    ]);
    const description = await temporal.workflow.getHandle(returnWorkflowId(caseRef)).describe();
    expect(description.raw.pendingActivities ?? []).toEqual([]);
    await recordHistoryIfAsked(
      temporal.workflow.getHandle(returnWorkflowId(caseRef)),
      'accommodation-revised-then-withdrawn',
    );
  });

  /** A programme that books by e-mail to the agency. */
  const emailProgramme = async () => {
    const admin = await signedInStaff(api.url, ['administrator']);
    const programme = `MAIL-${process.pid}-${Date.now().toString(36).toUpperCase()}`;
    const policy = testPolicy();
    const created = await apiClient(api.url, admin.token).post('/programmes', {
      code: programme,
      name: 'Tickets by e-mail to the agency',
      policy: { ...policy, travel: { ...policy.travel, booking: 'agency-email' } },
    });
    expect(created.status).toBe(201);
    return programme;
  };

  it('books by e-mail where the programme says so: the agency is asked and reminded, staff record its itinerary', async () => {
    const programme = await emailProgramme();
    const caseRef = newCaseRef('EMAIL');
    await readyToBook(caseRef, { programmeCode: programme });
    const segments = flights(TOMORROW);
    const early = await post(caseRef, 'itinerary', { bookingRef: 'EM12345', segments });
    expect([early.status, early.body.message]).toEqual([
      409,
      ['no e-mailed booking request is waiting for its itinerary'],
    ]);

    expect((await post(caseRef, 'flights', { segments })).status).toBe(200);
    const [request] = await waitForMail(caseRef, (m) => m.subject === `Booking request - case ${caseRef}`);
    expect(request.to).toEqual([AGENCY.email]);
    expect(request.text).toContain('- RO201 OTP -> IST');
    expect(travellerLines(request.text)).toEqual(['- KHAN, Amina; adult fare']);
    const [reminder] = await waitForMail(caseRef, (m) => m.subject.startsWith('Reminder 1: booking request'));
    expect(reminder.to).toEqual([AGENCY.email]);
    expect((await view(caseRef)).waitingFor).toMatchObject({
      what: 'itinerary from the travel agency',
      partner: 'travel-agency',
    });
    // The agency holds the booking request: another agency would get a reminder of a request it never had.
    const supervisor = apiClient(api.url, (await signedInStaff(api.url, ['supervisor'])).token);
    const handed = await supervisor.post(`/returns/${caseRef}/unstick`, {
      action: 'reassign',
      place: 'OTHER',
      reason: 'x',
    });
    expect([handed.status, JSON.stringify(handed.body)]).toEqual([
      409,
      expect.stringContaining('the travel-agency partner TEST holds the booking request: record the itinerary'),
    ]);

    const recorded = await post(caseRef, 'itinerary', { bookingRef: 'EM12345', segments });
    expect(recorded.status).toBe(200);
    const departure = await booked(caseRef);
    expect(departure.itineraries).toEqual([
      { bookingRef: 'EM12345', channel: 'agency-email', status: 'booked', segments },
    ]);
    const [toOtp] = await waitForMail(caseRef, (m) => m.subject.startsWith('Airport assistance (departure, OTP)'));
    expect(toOtp.text).toContain('(booking EM12345)');
    expect(await agencyCalls(caseRef)).toEqual([]); // no call to the agency's API

    expect((await post(caseRef, 'withdrawal')).status).toBe(200);
    const [cancel] = await waitForMail(caseRef, (m) => m.subject === `Cancel booking EM12345 - case ${caseRef}`);
    expect(cancel.to).toEqual([AGENCY.email]);
    expect(cancel.text).toContain('no longer travel: please cancel booking EM12345');
    expect((await until(caseRef, (b) => b.workflow.status === 'COMPLETED')).itineraries[0].status).toBe('cancelled');
    await recordHistoryIfAsked(
      temporal.workflow.getHandle(returnWorkflowId(caseRef)),
      'booked-by-email-then-withdrawn',
    );
  });

  it('rebooks by e-mail: the agency is asked for the new flights, then told to cancel the old booking', async () => {
    const caseRef = newCaseRef('EMAILRE');
    await readyToBook(caseRef, { programmeCode: await emailProgramme() });
    const first = flights(TOMORROW);
    expect((await post(caseRef, 'flights', { segments: first })).status).toBe(200);
    await waitForMail(caseRef, (m) => m.subject === `Booking request - case ${caseRef}`);
    await waitingFor(caseRef, 'travel-arrangements', 'itinerary from the travel agency');
    expect((await post(caseRef, 'itinerary', { bookingRef: 'EMOLD01', segments: first })).status).toBe(200);
    await booked(caseRef);

    const second = flights(2 * TOMORROW, 'DOH');
    expect((await post(caseRef, 'rebooking', { reason: 'schedule-change', segments: second })).status).toBe(200);
    const requests = await waitForMail(caseRef, (m) => m.subject === `Booking request - case ${caseRef}`, { count: 2 });
    expect(requests[1].text).toContain('- QR220 OTP -> DOH');
    await waitingFor(caseRef, 'departure', 'itinerary from the travel agency');
    const early = await post(caseRef, 'departure');
    expect([early.status, early.body.message]).toEqual([
      409,
      ['the flights are being rebooked: confirm departure on the new ones'],
    ]);
    expect((await post(caseRef, 'itinerary', { bookingRef: 'EMNEW02', segments: second })).status).toBe(200);

    const [cancelOld] = await waitForMail(caseRef, (m) => m.subject === `Cancel booking EMOLD01 - case ${caseRef}`);
    expect(cancelOld.to).toEqual([AGENCY.email]);
    expect(cancelOld.text).toContain('travel on other flights: please cancel booking EMOLD01');
    const [toDoh] = await waitForMail(caseRef, (m) => m.subject.startsWith('Airport assistance (transit, DOH)'));
    expect(toDoh.text).toContain('(booking EMNEW02)');
    const rebooked = await until(caseRef, (b) => b.itineraries.length === 2 && b.itineraries[1].status === 'cancelled');
    expect(rebooked.itineraries[0]).toMatchObject({ bookingRef: 'EMNEW02', status: 'booked', channel: 'agency-email' });
    expect((await post(caseRef, 'withdrawal')).status).toBe(200);
    await waitForMail(caseRef, (m) => m.subject === `Cancel booking EMNEW02 - case ${caseRef}`);
    await until(caseRef, (b) => b.workflow.status === 'COMPLETED');
    await recordHistoryIfAsked(
      temporal.workflow.getHandle(returnWorkflowId(caseRef)),
      'rebooked-by-email-then-withdrawn',
    );
  });
});
