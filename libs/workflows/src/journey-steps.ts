import { setHandler } from '@temporalio/workflow';
import {
  accommodationArrangedUpdate,
  arrivalConfirmedUpdate,
  departureConfirmedUpdate,
  flightsChosenUpdate,
  itineraryRecordedUpdate,
  onwardTravelConfirmedUpdate,
  rebookingRequestedUpdate,
  transitConfirmedUpdate,
  travelCheckRecordedUpdate,
  type AccommodationArranged,
  type FlightsChosen,
  type ItineraryRecorded,
  type RebookingRequested,
  type TransitConfirmed,
  type TravelCheckRecorded,
} from '@avrr/contracts';
import type { CaseState } from './case-state';
import { acceptOnce, notYet, onlyIn, refused } from './step-rules';
import type { Trip } from './trip';

/**
 * The staff steps of the journey: each validator refuses a step the trip is not ready for (a 409 with the reason,
 * nothing changed); each handler records it in the trip, which the journey's flow waits on.
 */
export function registerJourneySteps(state: CaseState, trip: Trip, withdrawn: () => boolean): void {
  const accept = <A>(apply: (arg: A) => void) => acceptOnce<A>(state, apply);
  const withdrawnRefusal = () => withdrawn() && 'the returnee withdrew';
  // The plan is read as the stage begins: a step in that moment is refused for now; before the stage, for the stage.
  const notReady = (): false => {
    if (!trip.plan && state.currentStage === 'travel-arrangements') {
      throw notYet('the travel arrangements are being prepared: try again in a moment');
    }
    return false;
  };

  setHandler(
    travelCheckRecordedUpdate,
    accept(({ check }) => {
      trip.checksDone.push(check);
      if (trip.bookings.length === 0 && !trip.chosen) showArrangements(state, trip);
    }),
    {
      validator: onlyIn(state, ['travel-arrangements'], 'a travel check', ({ check }: TravelCheckRecorded) => {
        if (withdrawnRefusal()) return withdrawnRefusal();
        if (!trip.plan) return notReady();
        if (!trip.plan.checks.includes(check)) return `this case needs no ${check} (none of its needs call for it)`;
        return trip.checksDone.includes(check) && `${check} is already recorded`;
      }),
    },
  );
  setHandler(
    flightsChosenUpdate,
    accept((step) => (trip.chosen = step)),
    {
      validator: onlyIn(state, ['travel-arrangements'], 'choosing flights', (step: FlightsChosen) => {
        if (withdrawnRefusal()) return withdrawnRefusal();
        if (!trip.plan) return notReady();
        if (trip.chosen || trip.bookings.length)
          return 'flights are already chosen: ask for a rebooking to change them';
        return trip.flightRefusal(step);
      }),
    },
  );
  setHandler(
    itineraryRecordedUpdate,
    accept(({ itinerary }) => (trip.recorded = itinerary)),
    {
      validator: (_step: ItineraryRecorded) => {
        if (state.alreadyAccepted()) return;
        if (!trip.awaitingItinerary || withdrawn()) {
          throw refused('no e-mailed booking request is waiting for its itinerary');
        }
      },
    },
  );
  setHandler(
    accommodationArrangedUpdate,
    accept((step) => (trip.accommodation = step)),
    {
      validator: onlyIn(
        state,
        ['travel-arrangements', 'departure'],
        'temporary accommodation',
        (step: AccommodationArranged) => withdrawnRefusal() || notReady() || sameNights(trip.accommodation, step),
      ),
    },
  );
  setHandler(
    rebookingRequestedUpdate,
    accept((step) => (trip.rebooking = step)),
    {
      validator: onlyIn(state, ['departure', 'transit'], 'a rebooking', (step: RebookingRequested) => {
        if (withdrawnRefusal()) return withdrawnRefusal();
        if (trip.rebooking || trip.awaitingItinerary) return 'a rebooking is already under way';
        // A missed connection: the new flights leave from the airport where the travellers wait.
        const waitingAt = state.currentStage === 'transit' ? trip.nextTransit() : undefined;
        if (waitingAt && step.segments[0].from !== waitingAt) {
          return `in transit, the new flights leave from ${waitingAt}, where the travellers wait for their connection`;
        }
        return trip.flightRefusal(step);
      }),
    },
  );
  setHandler(
    departureConfirmedUpdate,
    accept(() => (trip.confirmed.departure = true)),
    {
      validator: onlyIn(
        state,
        ['departure'],
        'confirming departure',
        () =>
          withdrawnRefusal() ||
          (trip.rebooking && 'the flights are being rebooked: confirm departure on the new ones') ||
          (trip.confirmed.departure && 'departure is already confirmed') ||
          trip.departureTooEarly(Date.now()),
      ),
    },
  );
  setHandler(
    transitConfirmedUpdate,
    accept(({ airport }) => trip.confirmed.transits.push(airport)),
    {
      validator: onlyIn(state, ['transit'], 'confirming a transit', ({ airport }: TransitConfirmed) => {
        const expected = trip.nextTransit();
        if (expected !== airport) return `the travellers are expected in transit at ${expected}, not ${airport}`;
        return trip.reachedTooEarly(Date.now(), airport);
      }),
    },
  );
  setHandler(
    arrivalConfirmedUpdate,
    accept(() => (trip.confirmed.arrival = true)),
    {
      validator: onlyIn(
        state,
        ['arrival'],
        'confirming arrival',
        () => (trip.confirmed.arrival && 'arrival is already confirmed') || trip.reachedTooEarly(Date.now()),
      ),
    },
  );
  setHandler(
    onwardTravelConfirmedUpdate,
    accept(() => (trip.confirmed.onwardTravel = true)),
    {
      validator: onlyIn(
        state,
        ['onward-travel'],
        'confirming onward travel',
        () => trip.confirmed.onwardTravel && 'onward travel is already confirmed',
      ),
    },
  );
}

/** What the case waits for while the agency books the chosen flights (BOOKING_AWAITS_AGENCY). */
export const AWAITING_BOOKING = { what: 'the booking of the chosen flights', partner: 'travel-agency' } as const;

/** What the case waits for before booking: the checks still missing, then the case worker's flights. */
export function showArrangements(state: CaseState, trip: Trip): void {
  const missing = trip.missingChecks();
  state.waitFor({
    what: missing.length
      ? `${missing.join(' and ')} to be recorded before booking`
      : trip.refusal
        ? `other flights: the last ones were not booked (${trip.refusal})`
        : 'flights chosen by the case worker',
    since: new Date().toISOString(),
  });
}

/** Nights arranged again replace the first (a rebooking moved them); the same nights again change nothing. */
function sameNights(arranged: AccommodationArranged | null, step: AccommodationArranged): string | null {
  if (!arranged || arranged.from !== step.from || arranged.until !== step.until) return null;
  return `accommodation is already arranged from ${arranged.from} until ${arranged.until}`;
}
