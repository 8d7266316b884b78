import { ActivityFailure, ApplicationFailure, condition, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  accommodationArrangedUpdate,
  arrivalConfirmedUpdate,
  departureConfirmedUpdate,
  durationToMs,
  flightsChosenUpdate,
  itineraryRecordedUpdate,
  onwardTravelConfirmedUpdate,
  rebookingRequestedUpdate,
  transitConfirmedUpdate,
  travelCheckRecordedUpdate,
  type AccommodationArranged,
  type FlightsChosen,
  type Itinerary,
  type ItineraryRecorded,
  type JourneyConfirmation,
  type PartnerKind,
  type RebookingRequested,
  type ReturnPolicy,
  type ReturnStatus,
  type TransitConfirmed,
  type TravelCheck,
  type TravelCheckRecorded,
  type TravelPlan,
} from '@avrr/contracts';
import { booking, caseRecords, partnerMail } from './activity-proxies';
import type { CaseState } from './case-state';
import { awaitPartner } from './partner-step';
import type { Saga } from './saga';
import { onlyIn, refused } from './step-rules';

/** Why a check blocks the booking, as staff read it in the 409. */
const CHECK_BEFORE_BOOKING: Record<TravelCheck, string> = {
  'fit-to-travel': 'a fit-to-travel confirmation must be recorded before the flights are booked',
  'family-tracing': 'family tracing must be recorded before an unaccompanied child is booked',
};

export type JourneyEnd = { returned: true } | { returned: false; withdrawnWhen: string };

/**
 * From travel arrangements to the final destination: the checks a vulnerability requires, the booking, the
 * requests to everyone who assists on the way, and their confirmations. What it books or requests goes into
 * the return's saga, so a withdrawal before departure undoes it; a rebooking undoes only the old booking's part.
 */
export class Journey {
  private plan: TravelPlan | null = null;
  private readonly checksDone: TravelCheck[] = [];
  /** Flights the case worker chose and that are not booked yet. */
  private chosen: FlightsChosen | null = null;
  private rebooking: RebookingRequested | null = null;
  /** Why the agency refused the last flights, for staff to choose others. */
  private refusal: string | null = null;
  /** Each booking so far (null while its e-mailed request has no itinerary yet); the last one is current. */
  private readonly bookings: (Itinerary | null)[] = [];
  private awaitingItinerary = false;
  private recorded: Itinerary | null = null;
  private accommodation: AccommodationArranged | null = null;
  private accommodationSettled: Promise<void> = Promise.resolve();
  /** Departure confirmed, or the case ended before it: nothing more is arranged in the host country. */
  private leftHost = false;
  private readonly confirmed = { departure: false, transits: [] as string[], arrival: false, onwardTravel: false };

  constructor(
    private readonly caseRef: string,
    private readonly destinationCountry: string,
    private readonly policy: ReturnPolicy,
    private readonly state: CaseState,
    private readonly saga: Saga,
    private readonly withdrawn: () => boolean,
  ) {
    this.registerSteps();
  }

  get departed(): boolean {
    return this.confirmed.departure;
  }

  async run(): Promise<JourneyEnd> {
    this.plan = await caseRecords.travelPlan(this.caseRef);
    this.accommodationSettled = this.arrangeAccommodationWhenAsked();

    let itinerary: Itinerary | null = null;
    while (!itinerary) {
      this.showArrangements();
      await condition(() => this.chosen !== null || this.withdrawn());
      if (this.withdrawn()) return this.withdrawal('before the flights were booked');
      itinerary = await this.book(this.chosen!);
      this.chosen = null;
      if (this.withdrawn()) return this.withdrawal('while the flights were being booked');
    }
    await this.askPartners(itinerary);

    await this.state.enter('departure');
    while (!(await this.awaitDeparture(itinerary))) {
      if (this.withdrawn()) return this.withdrawal('after the flights were booked');
      const rebooked = await this.rebook(this.rebooking!, itinerary);
      if (!rebooked) return this.withdrawal('while the flights were being rebooked');
      itinerary = rebooked;
    }
    this.leftHost = true;
    await this.accommodationSettled;

    const segments = itinerary.segments;
    if (segments.length > 1) await this.state.enter('transit');
    for (let i = 0; i < segments.length - 1; i++) {
      const airport = segments[i].to;
      await this.awaitConfirmation('transit', airport, 'airport-assistance', segments[i + 1].departsAt, () =>
        this.confirmed.transits.includes(airport),
      );
    }
    await this.state.enter('arrival');
    await this.awaitConfirmation(
      'arrival',
      this.destinationCountry,
      'mission',
      segments[segments.length - 1].departsAt,
      () => this.confirmed.arrival,
    );
    await this.state.enter('onward-travel');
    const { onwardTravel } = this.plan.travel;
    await awaitPartner(this.state, {
      what: 'confirmation of onward travel to the final destination',
      partner: 'mission',
      policy: onwardTravel,
      remind: (n) => partnerMail.remindConfirmation(this.caseRef, 'onward-travel', this.destinationCountry, n),
      answered: () => this.confirmed.onwardTravel,
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
  private async book(order: FlightsChosen): Promise<Itinerary | null> {
    const { travel } = this.plan!;
    const n = this.bookings.length;
    const bookingKey = `${workflowInfo().workflowId}/booking/${n + 1}`;
    let booked: Itinerary | null;
    try {
      booked = await booking.bookFlights({
        caseRef: this.caseRef,
        bookingKey,
        segments: order.segments,
        channel: travel.booking,
        escorted: order.escorted,
      });
    } catch (error) {
      const refusal = error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause;
      if (!refusal || !refusal.nonRetryable) throw error;
      this.refusal = refusal.message;
      return null;
    }
    this.refusal = null;
    this.bookings.push(booked);
    this.saga.add(
      (reason) => booking.cancelBooking(this.caseRef, travel.booking, this.bookings[n]?.bookingRef ?? null, reason),
      n,
    );
    if (booked) return booked;

    this.recorded = null;
    this.awaitingItinerary = true;
    const answered = await awaitPartner(this.state, {
      what: 'itinerary from the travel agency',
      partner: 'travel-agency',
      policy: travel.agencyAnswer,
      remind: (reminder) => booking.remindAgency(this.caseRef, reminder),
      answered: () => this.recorded !== null,
      stopped: this.withdrawn,
      escalation: {
        after: travel.agencyAnswer.escalateAfter,
        send: (requestedAt) => booking.escalateAgency(this.caseRef, this.policy.escalationContacts, requestedAt),
      },
    });
    this.awaitingItinerary = false;
    return answered ? (this.bookings[n] = this.recorded) : null;
  }

  /** New flights first; then everyone who had the old ones is told, and the old booking cancelled. */
  private async rebook(request: RebookingRequested, current: Itinerary): Promise<Itinerary | null> {
    const previous = this.bookings.length - 1;
    const itinerary = await this.book(request);
    this.rebooking = null;
    if (this.withdrawn()) return null;
    if (!itinerary) return current;
    await this.saga.undoBooking(previous, 'rebooked');
    await this.askPartners(itinerary);
    return itinerary;
  }

  /** The departure team, each transit team, and the mission that receives the travellers and takes them home. */
  private async askPartners(itinerary: Itinerary): Promise<void> {
    const n = this.bookings.length - 1;
    const { caseRef } = this;
    const legs = [
      { leg: 'departure' as const, airport: itinerary.segments[0].from },
      ...itinerary.segments.slice(0, -1).map((s) => ({ leg: 'transit' as const, airport: s.to })),
    ];
    for (const { leg, airport } of legs) {
      await partnerMail.requestAirportAssistance(caseRef, leg, airport, itinerary);
      this.saga.add((reason) => partnerMail.cancelAirportAssistance(caseRef, leg, airport, reason), n);
    }
    await partnerMail.requestOnwardTravel(caseRef, itinerary);
    this.saga.add((reason) => partnerMail.cancelOnwardTravel(caseRef, reason), n);
  }

  /** True once departure is confirmed; false when the returnee withdrew or new flights were asked for. */
  private awaitDeparture(itinerary: Itinerary): Promise<boolean> {
    const [first] = itinerary.segments;
    return this.awaitConfirmation(
      'departure',
      first.from,
      'airport-assistance',
      first.departsAt,
      () => this.confirmed.departure,
      () => this.withdrawn() || this.rebooking !== null,
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
    const { confirmations } = this.plan!.travel;
    const from = Date.parse(scheduled);
    return awaitPartner(this.state, {
      what: `confirmation of the ${confirmation} (${place})`,
      partner,
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

  /** Requested as soon as staff arrange it, while the rest of the journey goes on; at most once. */
  private async arrangeAccommodationWhenAsked(): Promise<void> {
    await condition(() => this.accommodation !== null || this.leftHost);
    if (!this.accommodation) return;
    const { from, until } = this.accommodation;
    await partnerMail.requestAccommodation(this.caseRef, from, until);
    this.saga.add(() => partnerMail.cancelAccommodation(this.caseRef));
  }

  private async withdrawal(when: string): Promise<JourneyEnd> {
    this.leftHost = true;
    await this.accommodationSettled;
    return { returned: false, withdrawnWhen: when };
  }

  /** What the case waits for before booking: the checks still missing, then the case worker's flights. */
  private showArrangements(): void {
    const missing = this.plan!.checks.filter((check) => !this.checksDone.includes(check));
    this.state.waitFor({
      what: missing.length
        ? `${missing.join(' and ')} to be recorded before booking`
        : this.refusal
          ? `other flights: the agency refused the last ones (${this.refusal})`
          : 'flights chosen by the case worker',
      since: new Date().toISOString(),
    });
  }

  private registerSteps(): void {
    const { state } = this;
    const accept =
      <A>(apply: (arg: A) => void) =>
      (arg: A): ReturnStatus => {
        apply(arg);
        return state.status();
      };
    const withdrawnRefusal = () => this.withdrawn() && 'the returnee withdrew';
    const notReady = () => !this.plan && 'the travel arrangements are being prepared: try again in a moment';
    const flightRules = (step: FlightsChosen) => {
      const missing = this.plan!.checks.find((check) => !this.checksDone.includes(check));
      if (missing) return CHECK_BEFORE_BOOKING[missing];
      if (this.plan!.escort && !step.escorted) return 'an escort must travel on the same flights: name one';
      return null;
    };

    setHandler(
      travelCheckRecordedUpdate,
      accept(({ check }) => {
        this.checksDone.push(check);
        if (this.bookings.length === 0 && !this.chosen) this.showArrangements();
      }),
      {
        validator: onlyIn(state, ['travel-arrangements'], 'a travel check', ({ check }: TravelCheckRecorded) => {
          if (withdrawnRefusal()) return withdrawnRefusal();
          if (notReady()) return notReady();
          if (!this.plan!.checks.includes(check)) return `this case needs no ${check} (none of its needs call for it)`;
          return this.checksDone.includes(check) && `${check} is already recorded`;
        }),
      },
    );
    setHandler(
      flightsChosenUpdate,
      accept((step) => (this.chosen = step)),
      {
        validator: onlyIn(state, ['travel-arrangements'], 'choosing flights', (step: FlightsChosen) => {
          if (withdrawnRefusal()) return withdrawnRefusal();
          if (notReady()) return notReady();
          if (this.chosen || this.bookings.length)
            return 'flights are already chosen: ask for a rebooking to change them';
          return flightRules(step);
        }),
      },
    );
    setHandler(
      itineraryRecordedUpdate,
      accept(({ itinerary }) => (this.recorded = itinerary)),
      {
        validator: (_step: ItineraryRecorded) => {
          if (!this.awaitingItinerary || this.withdrawn()) {
            throw refused('no e-mailed booking request is waiting for its itinerary');
          }
        },
      },
    );
    setHandler(
      accommodationArrangedUpdate,
      accept((step) => (this.accommodation = step)),
      {
        validator: onlyIn(
          state,
          ['travel-arrangements', 'departure'],
          'temporary accommodation',
          () => withdrawnRefusal() || notReady() || (this.accommodation && 'accommodation is already arranged'),
        ),
      },
    );
    setHandler(
      rebookingRequestedUpdate,
      accept((step) => (this.rebooking = step)),
      {
        validator: onlyIn(state, ['departure'], 'a rebooking', (step: RebookingRequested) => {
          if (withdrawnRefusal()) return withdrawnRefusal();
          if (this.rebooking || this.awaitingItinerary) return 'a rebooking is already under way';
          return flightRules(step);
        }),
      },
    );
    setHandler(
      departureConfirmedUpdate,
      accept(() => (this.confirmed.departure = true)),
      {
        validator: onlyIn(
          state,
          ['departure'],
          'confirming departure',
          () =>
            withdrawnRefusal() ||
            (this.rebooking && 'the flights are being rebooked: confirm departure on the new ones') ||
            (this.confirmed.departure && 'departure is already confirmed'),
        ),
      },
    );
    setHandler(
      transitConfirmedUpdate,
      accept(({ airport }) => this.confirmed.transits.push(airport)),
      {
        validator: onlyIn(state, ['transit'], 'confirming a transit', ({ airport }: TransitConfirmed) => {
          const expected = this.nextTransit();
          return expected !== airport && `the travellers are expected in transit at ${expected}, not ${airport}`;
        }),
      },
    );
    setHandler(
      arrivalConfirmedUpdate,
      accept(() => (this.confirmed.arrival = true)),
      {
        validator: onlyIn(
          state,
          ['arrival'],
          'confirming arrival',
          () => this.confirmed.arrival && 'arrival is already confirmed',
        ),
      },
    );
    setHandler(
      onwardTravelConfirmedUpdate,
      accept(() => (this.confirmed.onwardTravel = true)),
      {
        validator: onlyIn(
          state,
          ['onward-travel'],
          'confirming onward travel',
          () => this.confirmed.onwardTravel && 'onward travel is already confirmed',
        ),
      },
    );
  }

  private nextTransit(): string | undefined {
    const current = this.bookings[this.bookings.length - 1];
    return current?.segments.slice(0, -1).find((s) => !this.confirmed.transits.includes(s.to))?.to;
  }
}
