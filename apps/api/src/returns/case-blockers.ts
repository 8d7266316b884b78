import { utcDayOf } from '../common/utc-day';
import type { AccommodationView, ItineraryView, ReturnView } from './return-view';

/* What the case's own record says holds it up, beside what its workflow reports (`blockedBy` in the case view). */

/**
 * While the case waits on a consulate for the travel document: the travellers of another nationality, whom that
 * consulate does not document (it hears only of its nationals), so that staff ask their consulate themselves.
 */
export function unaskedTravellers(
  waitingFor: ReturnView['waitingFor'],
  returnCase: Pick<ReturnView, 'destinationCountry' | 'persons'>,
): string[] {
  if (waitingFor?.partner !== 'consulate') return [];
  const place = waitingFor.place ?? returnCase.destinationCountry;
  return returnCase.persons
    .filter((person) => person.nationality !== place)
    .map(
      (person) =>
        `${person.givenName} ${person.familyName} (${person.nationality}): no consulate is asked for a travel ` +
        `document, as the request goes to the consulate of ${place} for its nationals; ask theirs, and record the ` +
        'travel document once every traveller has one',
    );
}

/**
 * Before departure, the accommodation arranged ends before the booked flights leave (they were rebooked later): the
 * travellers have nights without a bed until staff arrange it again, which tells its partner the new nights.
 */
export function nightsShort(
  stage: string | null,
  accommodation: Pick<AccommodationView, 'until' | 'status'> | null,
  itineraries: Pick<ItineraryView, 'segments' | 'status'>[],
): string[] {
  if (!stage || !['travel-arrangements', 'departure'].includes(stage) || accommodation?.status !== 'arranged')
    return [];
  const booked = itineraries.find((itinerary) => itinerary.status === 'booked');
  const leaves = booked && utcDayOf(booked.segments[0].departsAt);
  if (!leaves || leaves <= accommodation.until) return [];
  return [`accommodation arranged until ${accommodation.until}, but the flights leave on ${leaves}: arrange it again`];
}
