import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import type { FlightSegment, ReturnActivities } from '@avrr/contracts';
import { eventually } from './support/eventually';
import { insertCase } from './support/fixtures';
import { startWorkerActivities, type WorkerActivities } from './support/worker-activities';
import { travelAgency } from './support/sandboxes';

const SEGMENTS: FlightSegment[] = [
  { flight: 'RO201', from: 'OTP', to: 'IST', departsAt: '2027-01-12T06:40:00Z' },
  { flight: 'TK378', from: 'IST', to: 'TBS', departsAt: '2027-01-12T11:05:00Z' },
];

/** The booking activities against the sandbox travel agency, as Temporal may run them: more than once. */
describe('booking flights through the agency API', () => {
  let app: WorkerActivities['app'];
  let activities: ReturnActivities;
  let dataSource: DataSource;
  const faults = travelAgency.faults;
  const callsWith = async (key: string) => (await travelAgency.calls()).filter((c) => c.idempotencyKey === key);

  beforeAll(async () => {
    process.env.TRAVEL_AGENCY_TIMEOUT_MS = '1000';
    ({ app, activities, dataSource } = await startWorkerActivities());
  });

  afterAll(async () => {
    delete process.env.TRAVEL_AGENCY_TIMEOUT_MS;
    await faults({ failNext: 0, delayMs: 0 });
    await app?.close();
  });

  const run = <A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A): Promise<R> =>
    new MockActivityEnvironment({
      workflowExecution: { workflowId: 'return-booking-test', runId: 'run-1' },
      activityId: '7',
    }).run(fn, ...args) as Promise<R>;

  it('buys one ticket per traveller however often the activity runs, and names only the travellers', async () => {
    const caseRef = await insertCase(dataSource);
    const bookingKey = `return-${caseRef}/booking/1`;
    const first = await run(activities.bookFlights, {
      caseRef,
      bookingKey: bookingKey,
      segments: SEGMENTS,
      channel: 'agency-api',
      escorted: false,
    });
    const again = await run(activities.bookFlights, {
      caseRef,
      bookingKey: bookingKey,
      segments: SEGMENTS,
      channel: 'agency-api',
      escorted: false,
    });

    expect(again).toEqual(first);
    expect(first!.segments).toEqual(SEGMENTS);
    const made = (await travelAgency.bookings()).filter((b) => b.bookingRef === first!.bookingRef);
    expect(made).toHaveLength(1);
    expect(made[0].travellers).toEqual([
      { givenName: 'Giorgi', familyName: 'Beridze', type: 'adult' },
      { givenName: 'Nino', familyName: 'Beridze', type: 'adult' },
    ]);
    expect((await callsWith(bookingKey)).map((c) => c.status)).toEqual([201, 200]);
    const timeline = await dataSource.query('SELECT summary FROM case_timeline WHERE case_ref = $1', [caseRef]);
    expect(timeline).toEqual([{ summary: `Booked RO201, TK378 (booking ${first!.bookingRef})` }]);
  });

  it('fails, to be retried, when the agency answers 5xx, too slowly or is still at work, and books once when it recovers', async () => {
    const caseRef = await insertCase(dataSource);
    const bookingKey = `return-${caseRef}/booking/1`;
    const order = { caseRef, bookingKey, segments: SEGMENTS, channel: 'agency-api' as const, escorted: false };

    await faults({ failNext: 1, status: 503, scope: bookingKey });
    const unavailable = await run(activities.bookFlights, {
      caseRef,
      bookingKey: bookingKey,
      segments: SEGMENTS,
      channel: 'agency-api',
      escorted: false,
    }).catch((e: unknown) => e);
    expect(unavailable).toBeInstanceOf(ApplicationFailure);
    expect(unavailable).toMatchObject({ nonRetryable: false, type: 'PartnerUnavailable' }); // Temporal retries it
    expect((unavailable as Error).message).toBe('the agency answered 503 to POST /bookings');

    await faults({ delayMs: 5000, scope: bookingKey });
    const slow = await run(activities.bookFlights, order).catch((e: unknown) => e);
    expect(slow).toMatchObject({ nonRetryable: false, type: 'PartnerUnavailable' });
    expect((slow as Error).message).toBe('the agency did not answer POST /bookings within 1 s');
    await faults({ delayMs: 0, scope: bookingKey });

    // The agency is still at work on the call that timed out here: it says so (409), and Temporal retries.
    const busy = await run(activities.bookFlights, order).catch((e: unknown) => e);
    expect(busy).toMatchObject({ nonRetryable: false, type: 'PartnerUnavailable' });
    expect((busy as Error).message).toBe('the agency answered 409 to POST /bookings');

    const booked = await eventually(() => run(activities.bookFlights, order).catch(() => undefined), {
      timeoutMs: 10_000,
    });
    const bookings = (await travelAgency.bookings()).filter((b) => b.bookingRef === booked!.bookingRef);
    expect(bookings).toHaveLength(1);
    // The slow call booked after it timed out here; the retry then got that same booking back.
    const answers = (await callsWith(bookingKey)).map((c) => c.status).join(' ');
    expect(answers).toMatch(/^503 (409 )+201 200$/);
  });

  it('treats a refusal as final, and cancels a booking at the agency', async () => {
    const caseRef = await insertCase(dataSource);
    const refused = await run(activities.bookFlights, {
      caseRef,
      bookingKey: `return-${caseRef}/booking/x`,
      segments: [],
      channel: 'agency-api',
      escorted: false,
    }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ type: 'BookingRefused', nonRetryable: true });

    const booked = await run(activities.bookFlights, {
      caseRef,
      bookingKey: `return-${caseRef}/booking/1`,
      segments: SEGMENTS,
      channel: 'agency-api',
      escorted: false,
    });
    await run(activities.cancelBooking, caseRef, 'agency-api', booked!.bookingRef, 'withdrawn');
    const [booking] = (await travelAgency.bookings()).filter((b) => b.bookingRef === booked!.bookingRef);
    expect(booking.status).toBe('cancelled');
  });
});
