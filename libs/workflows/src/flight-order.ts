import { patched, workflowInfo } from '@temporalio/workflow';
import type { CancellationReason, FlightsChosen, Itinerary, ReturnPolicy } from '@avrr/contracts';
import { booking, bookingUntil, caseRecords, type Cancellations } from './activity-proxies';
import type { CaseState } from './case-state';
import { AWAITING_BOOKING } from './journey-steps';
import { partnerRefusal, resendable, timedOut } from './partner-calls';
import { awaitPartner } from './partner-step';
import type { Saga } from './saga';
import type { Trip } from './trip';
import { BOOKING_AWAITS_AGENCY, BOOKING_CUT_SHORT_UNDONE, BOOKING_ENDS_AT_DEPARTURE, ONE_TRUTH } from './versions';

/** What an order of flights needs of the journey that places it. */
export interface FlightOrder {
  caseRef: string;
  policy: ReturnPolicy;
  state: CaseState;
  saga: Saga;
  trip: Trip;
  withdrawn: () => boolean;
}

/**
 * Books through the programme's channel. Null when the agency refused the flights (staff choose others) or
 * the returnee withdrew while the agency's answer to an e-mailed request was awaited.
 */
export async function book(placing: FlightOrder, flights: FlightsChosen): Promise<Itinerary | null> {
  const { caseRef, policy, state, saga, trip, withdrawn } = placing;
  const { travel } = trip.plan!;
  const n = trip.bookings.length;
  // Each order of flights has a key of its own: flights chosen after a refusal are a new order, not a retry.
  const order = patched(ONE_TRUTH) ? ++trip.orders : n + 1;
  const bookingKey = `${workflowInfo().workflowId}/booking/${order}`;
  let booked: Itinerary | null;
  const awaitsAgency = patched(BOOKING_AWAITS_AGENCY);
  if (awaitsAgency) state.waitFor({ ...AWAITING_BOOKING, since: new Date().toISOString() });
  // A booking still failing when the first flight leaves is given up: no ticket for a flight that has left.
  const endsAtDeparture = patched(BOOKING_ENDS_AT_DEPARTURE);
  const agency = endsAtDeparture ? bookingUntil(Date.parse(flights.segments[0].departsAt)) : booking;
  const placed = { caseRef: caseRef, bookingKey, segments: flights.segments, channel: travel.booking };
  const cancelPlaced = (reason: CancellationReason, via: Cancellations) =>
    via.cancelOrder({ ...placed, escorted: flights.escorted }, reason);
  try {
    const bookFlights = async () => ({
      itinerary: await agency.bookFlights({
        caseRef: caseRef,
        bookingKey,
        segments: flights.segments,
        channel: travel.booking,
        escorted: flights.escorted,
      }),
    });
    // A withdrawal cancels the booking call in flight; the agency may have booked all the same (a slow answer, or a
    // failing one that went through), so what the order's key booked is cancelled with the rest.
    const sent = !withdrawn();
    const answer = await resendable(bookFlights, withdrawn);
    if (!answer) {
      if (sent && patched(BOOKING_CUT_SHORT_UNDONE)) {
        saga.add(cancelPlaced, n);
      }
      return null;
    }
    booked = answer.itinerary;
  } catch (error) {
    if (endsAtDeparture && timedOut(error)) {
      // The agency may have booked on an attempt whose answer never came: what the order's key booked is cancelled.
      saga.add(cancelPlaced, n);
      await saga.undoBooking(n, 'rebooked');
      // Temporal gives up as soon as the next try would come after the deadline: the flight may not have left yet.
      trip.refusal = `the agency could not book them before the first flight leaves, ${flights.segments[0].departsAt}`;
      await caseRecords.recordEvent(caseRef, 'booking-refused', `Flights not booked: ${trip.refusal}`);
      return null;
    }
    const refusal = partnerRefusal(error);
    if (!refusal) throw error;
    trip.refusal = refusal.message;
    return null;
  }
  trip.refusal = null;
  trip.bookings.push(booked);
  saga.add(
    (reason, via) => via.cancelBooking(caseRef, travel.booking, trip.bookings[n]?.bookingRef ?? null, reason),
    n,
    'booking',
  );
  if (booked) {
    if (awaitsAgency) state.doneWaiting();
    return booked;
  }

  trip.recorded = null;
  trip.awaitingItinerary = true;
  const answered = await awaitPartner(state, {
    what: 'itinerary from the travel agency',
    partner: 'travel-agency',
    policy: travel.agencyAnswer,
    remind: (reminder) => booking.remindAgency(caseRef, reminder),
    answered: () => trip.recorded !== null,
    stopped: withdrawn,
    escalation: {
      after: travel.agencyAnswer.escalateAfter,
      send: (requestedAt) => booking.escalateAgency(caseRef, policy.escalationContacts, requestedAt),
    },
  });
  trip.awaitingItinerary = false;
  return answered ? (trip.bookings[n] = trip.recorded) : null;
}
