import { Inject, Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/activity';
import { DataSource } from 'typeorm';
import {
  ReturnErrorType,
  type BookingActivities,
  type BookingChannel,
  type BookingOrder,
  type CancellationReason,
  type FlightSegment,
  type Itinerary,
} from '@avrr/contracts';
import { CaseRecords, placeholders, SYSTEM_ACTOR } from '@avrr/persistence';
import { idempotencyKey } from '../idempotency-key';
import { BOOKING_REFUSED } from './agency-api.adapter';
import { AgencyEmailBooking } from './agency-email.adapter';
import {
  FLIGHT_BOOKING_API,
  type FlightBookingApi,
  type FlightBookingPort,
  type PassengerType,
  type Traveller,
} from './flight-booking.port';

/** Tickets through the programme's channel: the agency's API, or e-mail to the agency. */
@Injectable()
export class BookingService implements BookingActivities {
  constructor(
    @Inject(FLIGHT_BOOKING_API) private readonly api: FlightBookingApi,
    private readonly byEmail: AgencyEmailBooking,
    private readonly caseRecords: CaseRecords,
    private readonly dataSource: DataSource,
  ) {}

  async bookFlights({ caseRef, bookingKey, segments, channel, escorted }: BookingOrder): Promise<Itinerary | null> {
    if (await this.caseRecords.isWithdrawn(caseRef)) {
      // Retried until the workflow, which has the withdrawal too, cancels this booking.
      throw ApplicationFailure.retryable(`case ${caseRef} is withdrawn: nothing is booked`, ReturnErrorType.Withdrawn);
    }
    // Types are as of the first flight (today, for an order without flights, which the agency refuses).
    const travellers = await this.travellers(caseRef, escorted, segments[0]?.departsAt ?? new Date().toISOString());
    const itinerary = await this.port(channel)
      .book({ caseRef, travellers, segments }, bookingKey)
      .catch(async (error: unknown) => {
        // The refusal stays in the timeline once staff have chosen other flights (the case's wait says it until then).
        if (error instanceof ApplicationFailure && error.type === BOOKING_REFUSED) {
          await this.caseRecords.addTimelineEvent({
            caseRef,
            kind: 'booking-refused',
            summary: `Flights not booked: ${error.message}`,
            actor: SYSTEM_ACTOR,
            idempotencyKey: idempotencyKey(),
          });
        }
        throw error;
      });
    // Booked as the returnee withdrew: the workflow no longer waits for this answer, and cancels it (cancelOrder).
    if (itinerary && !(await this.caseRecords.isWithdrawn(caseRef)))
      await this.recordBooking(caseRef, channel, itinerary);
    return itinerary;
  }

  async cancelOrder({ caseRef, bookingKey, channel }: BookingOrder, reason: CancellationReason): Promise<void> {
    if (channel !== 'agency-api') return this.cancelBooking(caseRef, channel, null, reason);
    // Asked, never booked: an order the agency did not take stays untaken, and the withdrawn returnee's names unsent.
    const booked = await this.api.bookedUnder(bookingKey);
    if (!booked) return;
    // Kept as booked (no timeline line: the cancellation's is this activity's one), then cancelled as any booking is.
    // The order's own call, answered after the withdrawal, adds no row of its own (bookFlights).
    await this.dataSource.query(
      `INSERT INTO itineraries (case_ref, channel, booking_ref, segments, status) VALUES ($1, $2, $3, $4, 'booked')
       ON CONFLICT (case_ref, booking_ref) DO NOTHING`,
      [caseRef, channel, booked.bookingRef, JSON.stringify(booked.segments)],
    );
    await this.cancelBooking(caseRef, channel, booked.bookingRef, reason);
  }

  /**
   * The agency needs the travellers' names as on their documents and the fare each travels on (a child's, an
   * infant's): their type on the first flight, never their birth dates; nothing else of the case.
   */
  private async travellers(caseRef: string, escorted: boolean, firstFlight: string): Promise<Traveller[]> {
    const returnCase = await this.caseRecords.findCase(caseRef);
    if (!returnCase) {
      throw ApplicationFailure.nonRetryable(`no case ${caseRef} in the database`, ReturnErrorType.CaseNotFound);
    }
    const escort = escorted ? await this.caseRecords.findEscort(caseRef) : null;
    if (escorted && !escort) {
      throw ApplicationFailure.nonRetryable(`the escort of case ${caseRef} is missing`, ReturnErrorType.CaseNotFound);
    }
    return [
      ...returnCase.persons.map(({ givenName, familyName, dateOfBirth }) => ({
        givenName,
        familyName,
        type: passengerType(dateOfBirth, firstFlight),
      })),
      ...(escort ? [{ givenName: escort.givenName, familyName: escort.familyName, type: 'adult' as const }] : []),
    ];
  }

  async cancelBooking(
    caseRef: string,
    channel: BookingChannel,
    bookingRef: string | null,
    reason: CancellationReason,
    flights?: FlightSegment[],
  ): Promise<void> {
    const key = idempotencyKey();
    await this.port(channel).cancel({ caseRef, bookingRef, reason, flights }, key);
    if (!bookingRef) return;
    const why = reason === 'rebooked' ? 'replaced by new flights' : 'withdrawal';
    await this.caseRecords.writeWithEvent(
      (first) => ({
        sql: `UPDATE itineraries SET status = $${first + 2}, cancelled_at = now()
          WHERE case_ref = $${first} AND booking_ref = $${first + 1} AND status = 'booked'`,
        parameters: [caseRef, bookingRef, flights ? 'partly-cancelled' : 'cancelled'],
      }),
      {
        caseRef,
        kind: 'booking-cancelled',
        summary: flights
          ? `Booking ${bookingRef}: ${flights.map((f) => `${f.flight} ${f.from}-${f.to}`).join(', ')} cancelled (${why}); the flights flown stand`
          : `Booking ${bookingRef} cancelled (${why})`,
        actor: SYSTEM_ACTOR,
        idempotencyKey: key,
      },
    );
  }

  remindAgency(caseRef: string, reminderNumber: number): Promise<void> {
    return this.byEmail.remind(caseRef, reminderNumber, idempotencyKey());
  }

  escalateAgency(caseRef: string, supervisors: string[], requestedAt: string): Promise<void> {
    return this.byEmail.escalate(caseRef, supervisors, requestedAt, idempotencyKey());
  }

  private port(channel: BookingChannel): FlightBookingPort {
    return channel === 'agency-api' ? this.api : this.byEmail;
  }

  private async recordBooking(caseRef: string, channel: BookingChannel, itinerary: Itinerary): Promise<void> {
    const booked = [caseRef, channel, itinerary.bookingRef, JSON.stringify(itinerary.segments)];
    await this.caseRecords.writeWithEvent(
      (first) => ({
        sql: `INSERT INTO itineraries (case_ref, channel, booking_ref, segments, status)
          VALUES (${placeholders(first, booked.length)}, 'booked') ON CONFLICT DO NOTHING`,
        parameters: booked,
      }),
      {
        caseRef,
        kind: 'flights-booked',
        summary: `Booked ${itinerary.segments.map((s) => s.flight).join(', ')} (booking ${itinerary.bookingRef})`,
        actor: SYSTEM_ACTOR,
        idempotencyKey: idempotencyKey(),
      },
    );
  }
}

/** The traveller's IATA passenger type on the day of the first flight (YYYY-MM-DD birth date). */
function passengerType(dateOfBirth: string, firstFlight: string): PassengerType {
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  const on = new Date(firstFlight);
  const age =
    on.getUTCFullYear() - y - (on.getUTCMonth() + 1 < m || (on.getUTCMonth() + 1 === m && on.getUTCDate() < d) ? 1 : 0);
  return age < 2 ? 'infant' : age < 12 ? 'child' : 'adult';
}
