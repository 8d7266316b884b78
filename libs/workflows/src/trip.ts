import type {
  AccommodationArranged,
  FlightSegment,
  FlightsChosen,
  Itinerary,
  RebookingRequested,
  TravelCheck,
  TravelPlan,
} from '@avrr/contracts';

/** Why a check blocks the booking, as staff read it in the 409. */
const CHECK_BEFORE_BOOKING: Record<TravelCheck, string> = {
  'fit-to-travel': 'a fit-to-travel confirmation must be recorded before the flights are booked',
  'family-tracing': 'family tracing must be recorded before an unaccompanied child is booked',
};

/** What the journey knows: what staff recorded, what was booked, what partners confirmed. */
export class Trip {
  /**
   * How long before the first flight's scheduled time departure may be confirmed (the policy's): a confirmation
   * earlier than that is a mistake (the wrong case, the wrong day), and would end the returnee's right to withdraw.
   */
  constructor(
    private readonly departureConfirmableFromMs: number,
    /** Likewise for a transit or the arrival, before the flight that takes the travellers there (0: once it left). */
    private readonly arrivalConfirmableFromMs = 0,
  ) {}

  plan: TravelPlan | null = null;
  readonly checksDone: TravelCheck[] = [];
  /** Flights the case worker chose and that are not booked yet. */
  chosen: FlightsChosen | null = null;
  rebooking: RebookingRequested | null = null;
  /** Why the agency refused the last flights, for staff to choose others. */
  refusal: string | null = null;
  /** Each booking so far (null while its e-mailed request has no itinerary yet); the last one is current. */
  readonly bookings: (Itinerary | null)[] = [];
  /** Orders of flights sent to the agency so far, refused ones included: each has its booking key. */
  orders = 0;
  awaitingItinerary = false;
  recorded: Itinerary | null = null;
  accommodation: AccommodationArranged | null = null;
  /** Departure confirmed, or the case ended before it: nothing more is arranged in the host country. */
  leftHost = false;
  readonly confirmed = { departure: false, transits: [] as string[], arrival: false, onwardTravel: false };

  missingChecks(): TravelCheck[] {
    return this.plan!.checks.filter((check) => !this.checksDone.includes(check));
  }

  /** Why these flights may not be booked yet, or null. */
  flightRefusal(step: FlightsChosen): string | null {
    const [missing] = this.missingChecks();
    if (missing) return CHECK_BEFORE_BOOKING[missing];
    if (this.plan!.escort && !step.escorted) return 'an escort must travel on the same flights: name one';
    return null;
  }

  /** Why departure may not be confirmed `now` (epoch milliseconds): its first flight is too far ahead. */
  departureTooEarly(now: number): string | null {
    const first = this.bookings[this.bookings.length - 1]?.segments[0];
    if (!first) return null;
    const from = Date.parse(first.departsAt) - this.departureConfirmableFromMs;
    if (now >= from) return null;
    const hours = Math.round((this.departureConfirmableFromMs / 3_600_000) * 100) / 100;
    return `departure can be confirmed from ${hours} hours before the first flight (${first.flight} at ${first.departsAt})`;
  }

  /**
   * Why the travellers' reaching `airport` (a transit; the destination when absent) may not be confirmed `now`: the
   * flight that takes them there has not left, or leaves later than the policy's window.
   */
  reachedTooEarly(now: number, airport?: string): string | null {
    const segments = this.route ?? this.bookings[this.bookings.length - 1]?.segments ?? [];
    const flight = airport ? segments.find((s) => s.to === airport) : segments[segments.length - 1];
    if (!flight || now >= Date.parse(flight.departsAt) - this.arrivalConfirmableFromMs) return null;
    const where = airport ? `in transit at ${airport}` : 'at the destination';
    return `the travellers cannot be ${where} before their flight ${flight.flight} leaves (${flight.departsAt})`;
  }

  /** The flights home once a connection was rebooked: those flown, then the new ones. */
  route: FlightSegment[] | null = null;

  /** The next transit airport whose team has not confirmed yet. */
  nextTransit(): string | undefined {
    const segments = this.route ?? this.bookings[this.bookings.length - 1]?.segments;
    return segments?.slice(0, -1).find((s) => !this.confirmed.transits.includes(s.to))?.to;
  }
}
