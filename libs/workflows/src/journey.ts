import { condition, patched, workflowInfo } from '@temporalio/workflow';
import {
  type CancellationReason,
  DEPARTURE_CONFIRMABLE_FROM,
  durationToMs,
  type FlightsChosen,
  type Itinerary,
  type JourneyConfirmation,
  type PartnerKind,
  type RebookingRequested,
  type ReturnPolicy,
} from '@avrr/contracts';
import { booking, bookingUntil, caseRecords, partnerMail, type Cancellations } from './activity-proxies';
import type { CaseState } from './case-state';
import { requestAssistance } from './assistance-requests';
import { partnerRefusal, resendable, timedOut } from './partner-calls';
import { arrangeAccommodationWhenAsked } from './accommodation';
import { awaitPartner } from './partner-step';
import {
  BOOKING_AWAITS_AGENCY,
  BOOKING_ENDS_AT_DEPARTURE,
  BOOKING_CUT_SHORT_UNDONE,
  ONE_TRUTH,
  REFUSED_REBOOKING_FLIGHTS_STAND,
  WITHDRAWAL_DURING_BOOKING,
} from './versions';
import type { Saga } from './saga';
import { AWAITING_BOOKING, registerJourneySteps, showArrangements } from './journey-steps';
import { Trip } from './trip';

export type JourneyEnd = { returned: true } | { returned: false; withdrawnWhen: string };

/**
 * From travel arrangements to the final destination: the checks a vulnerability requires, the booking, the
 * requests to everyone who assists on the way, and their confirmations. What it books or requests goes into
 * the return's saga, so a withdrawal before departure undoes it; a rebooking undoes only the old booking's part.
 */
export class Journey {
  private readonly trip: Trip;
  private accommodationSettled: Promise<void> = Promise.resolve();

  constructor(
    private readonly caseRef: string,
    private readonly destinationCountry: string,
    private readonly policy: ReturnPolicy,
    private readonly state: CaseState,
    private readonly saga: Saga,
    private readonly withdrawn: () => boolean,
  ) {
    this.trip = new Trip(durationToMs(policy.travel.departureConfirmableFrom ?? DEPARTURE_CONFIRMABLE_FROM));
    registerJourneySteps(state, this.trip, withdrawn);
  }

  get departed(): boolean {
    return this.trip.confirmed.departure;
  }

  async run(): Promise<JourneyEnd> {
    this.trip.plan = await caseRecords.travelPlan(this.caseRef);
    this.accommodationSettled = arrangeAccommodationWhenAsked(this.caseRef, this.trip, this.saga, this.withdrawn);

    let itinerary: Itinerary | null = null;
    while (!itinerary) {
      showArrangements(this.state, this.trip);
      await condition(() => this.trip.chosen !== null || this.withdrawn());
      if (this.withdrawn()) return this.withdrawal('before the flights were booked');
      itinerary = await this.book(this.trip.chosen!);
      this.trip.chosen = null;
      if (patched(WITHDRAWAL_DURING_BOOKING) ? this.withdrawn() : !itinerary && this.withdrawn()) {
        return this.withdrawal('while the flights were being booked');
      }
    }
    await requestAssistance(this.caseRef, itinerary, this.trip.bookings.length - 1, this.saga, this.withdrawn);

    await this.state.enter('departure');
    while (!(await this.awaitDeparture(itinerary))) {
      if (this.withdrawn()) return this.withdrawal('after the flights were booked');
      const rebooked = await this.rebook(this.trip.rebooking!, itinerary);
      if (!rebooked) return this.withdrawal('while the flights were being rebooked');
      itinerary = rebooked;
    }
    this.trip.leftHost = true;
    await this.accommodationSettled;

    const segments = itinerary.segments;
    if (segments.length > 1) await this.state.enter('transit');
    for (let i = 0; i < segments.length - 1; i++) {
      const airport = segments[i].to;
      await this.awaitConfirmation('transit', airport, 'airport-assistance', segments[i + 1].departsAt, () =>
        this.trip.confirmed.transits.includes(airport),
      );
    }
    await this.state.enter('arrival');
    await this.awaitConfirmation(
      'arrival',
      this.destinationCountry,
      'mission',
      segments[segments.length - 1].departsAt,
      () => this.trip.confirmed.arrival,
    );
    await this.state.enter('onward-travel');
    const { onwardTravel } = this.trip.plan.travel;
    await awaitPartner(this.state, {
      what: 'confirmation of onward travel to the final destination',
      partner: 'mission',
      policy: onwardTravel,
      remind: (n) => partnerMail.remindConfirmation(this.caseRef, 'onward-travel', this.destinationCountry, n),
      answered: () => this.trip.confirmed.onwardTravel,
      escalation: {
        after: onwardTravel.escalateAfter,
        send: (requestedAt) =>
          partnerMail.escalateConfirmation(
            this.caseRef,
            'onward-travel',
            this.destinationCountry,
            this.policy.escalationContacts,
            new Date(Date.parse(requestedAt) + durationToMs(onwardTravel.dueAfter)).toISOString(),
          ),
      },
    });
    return { returned: true };
  }

  /**
   * Books through the programme's channel. Null when the agency refused the flights (staff choose others) or
   * the returnee withdrew while the agency's answer to an e-mailed request was awaited.
   */
  private async book(flights: FlightsChosen): Promise<Itinerary | null> {
    const { travel } = this.trip.plan!;
    const n = this.trip.bookings.length;
    // Each order of flights has a key of its own: flights chosen after a refusal are a new order, not a retry.
    const order = patched(ONE_TRUTH) ? ++this.trip.orders : n + 1;
    const bookingKey = `${workflowInfo().workflowId}/booking/${order}`;
    let booked: Itinerary | null;
    const awaitsAgency = patched(BOOKING_AWAITS_AGENCY);
    if (awaitsAgency) this.state.waitFor({ ...AWAITING_BOOKING, since: new Date().toISOString() });
    // A booking still failing when the first flight leaves is given up: no ticket for a flight that has left.
    const endsAtDeparture = patched(BOOKING_ENDS_AT_DEPARTURE);
    const agency = endsAtDeparture ? bookingUntil(Date.parse(flights.segments[0].departsAt)) : booking;
    const placed = { caseRef: this.caseRef, bookingKey, segments: flights.segments, channel: travel.booking };
    const cancelPlaced = (reason: CancellationReason, via: Cancellations) =>
      via.cancelOrder({ ...placed, escorted: flights.escorted }, reason);
    try {
      const bookFlights = async () => ({
        itinerary: await agency.bookFlights({
          caseRef: this.caseRef,
          bookingKey,
          segments: flights.segments,
          channel: travel.booking,
          escorted: flights.escorted,
        }),
      });
      // A withdrawal cancels the booking call in flight; the agency may have booked all the same (a slow answer, or a
      // failing one that went through), so what the order's key booked is cancelled with the rest.
      const sent = !this.withdrawn();
      const answer = await resendable(bookFlights, this.withdrawn);
      if (!answer) {
        if (sent && patched(BOOKING_CUT_SHORT_UNDONE)) {
          this.saga.add(cancelPlaced, n);
        }
        return null;
      }
      booked = answer.itinerary;
    } catch (error) {
      if (endsAtDeparture && timedOut(error)) {
        // The agency may have booked on an attempt whose answer never came: what the order's key booked is cancelled.
        this.saga.add(cancelPlaced, n);
        await this.saga.undoBooking(n, 'rebooked');
        // Temporal gives up as soon as the next try would come after the deadline: the flight may not have left yet.
        this.trip.refusal = `the agency could not book them before the first flight leaves, ${flights.segments[0].departsAt}`;
        await caseRecords.recordEvent(this.caseRef, 'booking-refused', `Flights not booked: ${this.trip.refusal}`);
        return null;
      }
      const refusal = partnerRefusal(error);
      if (!refusal) throw error;
      this.trip.refusal = refusal.message;
      return null;
    }
    this.trip.refusal = null;
    this.trip.bookings.push(booked);
    this.saga.add(
      (reason, via) =>
        via.cancelBooking(this.caseRef, travel.booking, this.trip.bookings[n]?.bookingRef ?? null, reason),
      n,
    );
    if (booked) {
      if (awaitsAgency) this.state.doneWaiting();
      return booked;
    }

    this.trip.recorded = null;
    this.trip.awaitingItinerary = true;
    const answered = await awaitPartner(this.state, {
      what: 'itinerary from the travel agency',
      partner: 'travel-agency',
      policy: travel.agencyAnswer,
      remind: (reminder) => booking.remindAgency(this.caseRef, reminder),
      answered: () => this.trip.recorded !== null,
      stopped: this.withdrawn,
      escalation: {
        after: travel.agencyAnswer.escalateAfter,
        send: (requestedAt) => booking.escalateAgency(this.caseRef, this.policy.escalationContacts, requestedAt),
      },
    });
    this.trip.awaitingItinerary = false;
    return answered ? (this.trip.bookings[n] = this.trip.recorded) : null;
  }

  /**
   * New flights first; then everyone who had the old ones is told, and the old booking cancelled. Flights the agency
   * refuses leave the case waiting, visibly, for staff to choose others (or for a withdrawal).
   */
  private async rebook(request: RebookingRequested, current: Itinerary): Promise<Itinerary | null> {
    const previous = this.trip.bookings.length - 1;
    for (;;) {
      const itinerary = await this.book(request);
      this.trip.rebooking = null;
      if (patched(WITHDRAWAL_DURING_BOOKING) ? this.withdrawn() : !itinerary && this.withdrawn()) return null;
      if (itinerary) {
        await this.saga.undoBooking(previous, 'rebooked');
        await requestAssistance(this.caseRef, itinerary, this.trip.bookings.length - 1, this.saga, this.withdrawn);
        return itinerary;
      }
      if (!patched(ONE_TRUTH)) return current;
      // Staff choose other flights, or the returnee leaves on the booked ones: the case waits on staff, not the agency.
      const standing = patched(REFUSED_REBOOKING_FLIGHTS_STAND);
      this.state.waitFor({
        what: `other flights: the agency refused the rebooking (${this.trip.refusal}); the booked ones still stand`,
        ...(!standing && { partner: 'travel-agency' as const }),
        since: new Date().toISOString(),
      });
      const departed = () => standing && this.trip.confirmed.departure;
      await condition(() => this.trip.rebooking !== null || this.withdrawn() || departed());
      if (this.withdrawn()) return null;
      if (departed()) return current;
      request = this.trip.rebooking!;
    }
  }

  /** True once departure is confirmed; false when the returnee withdrew or new flights were asked for. */
  private awaitDeparture(itinerary: Itinerary): Promise<boolean> {
    const [first] = itinerary.segments;
    return this.awaitConfirmation(
      'departure',
      first.from,
      'airport-assistance',
      first.departsAt,
      () => this.trip.confirmed.departure,
      () => this.withdrawn() || this.trip.rebooking !== null,
    );
  }

  /** A confirmation due after the flight's scheduled departure; the partner is reminded, then escalated. */
  private awaitConfirmation(
    confirmation: JourneyConfirmation,
    place: string,
    partner: PartnerKind,
    scheduled: string,
    answered: () => boolean,
    stopped?: () => boolean,
  ): Promise<boolean> {
    const { confirmations } = this.trip.plan!.travel;
    const from = Date.parse(scheduled);
    return awaitPartner(this.state, {
      what: `confirmation of the ${confirmation} (${place})`,
      partner,
      place,
      policy: confirmations,
      from,
      remind: (n) => partnerMail.remindConfirmation(this.caseRef, confirmation, place, n),
      answered,
      stopped,
      escalation: {
        after: confirmations.escalateAfter,
        send: () =>
          partnerMail.escalateConfirmation(
            this.caseRef,
            confirmation,
            place,
            this.policy.escalationContacts,
            new Date(from + durationToMs(confirmations.dueAfter)).toISOString(),
          ),
      },
    });
  }

  private async withdrawal(when: string): Promise<JourneyEnd> {
    this.trip.leftHost = true;
    await this.accommodationSettled;
    return { returned: false, withdrawnWhen: when };
  }
}
