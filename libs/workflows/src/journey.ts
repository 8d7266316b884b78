import { condition, patched } from '@temporalio/workflow';
import {
  DEPARTURE_CONFIRMABLE_FROM,
  durationToMs,
  type FlightSegment,
  type Itinerary,
  type JourneyConfirmation,
  type PartnerKind,
  type RebookingRequested,
  type ReturnPolicy,
} from '@avrr/contracts';
import { caseRecords, partnerMail } from './activity-proxies';
import type { CaseState } from './case-state';
import { requestAssistance } from './assistance-requests';
import { arrangeAccommodationWhenAsked } from './accommodation';
import { book, type FlightOrder } from './flight-order';
import { awaitPartner } from './partner-step';
import { CONNECTION_REBOOKED, ONE_TRUTH, REFUSED_REBOOKING_FLIGHTS_STAND, WITHDRAWAL_DURING_BOOKING } from './versions';
import type { Saga } from './saga';
import { registerJourneySteps, showArrangements } from './journey-steps';
import { Trip } from './trip';

export type JourneyEnd = { returned: true } | { returned: false; withdrawnWhen: string };

/**
 * From travel arrangements to the final destination: the checks a vulnerability requires, the booking, the
 * requests to everyone who assists on the way, and their confirmations. What it books or requests goes into
 * the return's saga, so a withdrawal before departure undoes it; a rebooking undoes only the old booking's part.
 */
export class Journey {
  private readonly trip: Trip;
  private readonly order: FlightOrder;
  private accommodationSettled: Promise<void> = Promise.resolve();

  constructor(
    private readonly caseRef: string,
    private readonly destinationCountry: string,
    private readonly policy: ReturnPolicy,
    private readonly state: CaseState,
    private readonly saga: Saga,
    private readonly withdrawn: () => boolean,
  ) {
    // Policies pinned before travel was part of them have no travel section.
    const confirmableFrom = policy.travel?.departureConfirmableFrom ?? DEPARTURE_CONFIRMABLE_FROM;
    const arrivalFrom = policy.travel?.arrivalConfirmableFrom;
    this.trip = new Trip(durationToMs(confirmableFrom), arrivalFrom ? durationToMs(arrivalFrom) : 0);
    this.order = { caseRef, policy, state, saga, trip: this.trip, withdrawn };
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
      itinerary = await book(this.order, this.trip.chosen!);
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

    let segments = itinerary.segments;
    if (segments.length > 1) await this.state.enter('transit');
    for (let i = 0; i < segments.length - 1; i++) {
      const airport = segments[i].to;
      const confirmed = await this.awaitConfirmation(
        'transit',
        airport,
        'airport-assistance',
        segments[i + 1].departsAt,
        () => this.trip.confirmed.transits.includes(airport),
        () => this.trip.rebooking !== null,
      );
      if (confirmed || !patched(CONNECTION_REBOOKED)) continue;
      // A missed connection: the travellers wait at this airport for the new flights, and its team confirms them.
      segments = await this.rebookConnection(this.trip.rebooking!, segments.slice(0, i + 1));
      i -= 1;
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
   * New flights first; then everyone who had the old ones is told, and the old booking cancelled. Flights the agency
   * refuses leave the case waiting, visibly, for staff to choose others (or for a withdrawal).
   */
  private async rebook(request: RebookingRequested, current: Itinerary): Promise<Itinerary | null> {
    const previous = this.trip.bookings.length - 1;
    for (;;) {
      const itinerary = await book(this.order, request);
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

  /**
   * New flights from the transit airport where the travellers missed their connection; the legs not flown are undone
   * (the old booking cancelled, the later teams and the mission told) and asked anew. Answers the route home: the
   * flights flown, then the new ones. Flights the agency refuses leave the case waiting for staff to choose others.
   */
  private async rebookConnection(request: RebookingRequested, flown: FlightSegment[]): Promise<FlightSegment[]> {
    const previous = this.trip.bookings.length - 1;
    const old = this.trip.bookings[previous];
    // The old booking keeps the flights flown: only the others are cancelled with the agency.
    const keep = ['booking', `departure:${flown[0].from}`, ...flown.slice(0, -1).map((s) => `transit:${s.to}`)];
    const flownAlready = (s: FlightSegment) => flown.some((f) => f.flight === s.flight && f.departsAt === s.departsAt);
    const unflown = (old?.segments ?? []).filter((s) => !flownAlready(s));
    const { booking: channel } = this.trip.plan!.travel;
    this.saga.add(
      (reason, via) => via.cancelBooking(this.caseRef, channel, old?.bookingRef ?? null, reason, unflown),
      previous,
      'unflown',
    );
    for (;;) {
      const itinerary = await book(this.order, request);
      this.trip.rebooking = null;
      if (itinerary) {
        this.trip.route = [...flown, ...itinerary.segments];
        await this.saga.undoBooking(previous, 'rebooked', keep);
        const n = this.trip.bookings.length - 1;
        await requestAssistance(this.caseRef, itinerary, n, this.saga, this.withdrawn, 'transit');
        return this.trip.route;
      }
      this.state.waitFor({
        what: `other flights from ${request.segments[0].from}: the agency refused the rebooking (${this.trip.refusal})`,
        since: new Date().toISOString(),
      });
      await condition(() => this.trip.rebooking !== null);
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
