import { assistedAirports, type Itinerary } from '@avrr/contracts';
import { partnerMail } from './activity-proxies';
import { sentUnlessStopped } from './partner-calls';
import type { Saga } from './saga';

/**
 * Asks the departure team, each transit team, and the mission that receives the travellers and takes them home,
 * each request undone with booking `booking` (a rebooking undoes the old one's). Stops asking once withdrawn.
 * Flights from a transit airport (a missed connection) ask its team for the transit, not a departure.
 */
export async function requestAssistance(
  caseRef: string,
  itinerary: Itinerary,
  booking: number,
  saga: Saga,
  withdrawn: () => boolean,
  first: 'departure' | 'transit' = 'departure',
): Promise<void> {
  const asked = (request: () => Promise<void>) => sentUnlessStopped(request, withdrawn);
  const legs = assistedAirports(itinerary.segments).map((airport, i) => ({
    leg: i === 0 ? first : ('transit' as const),
    airport,
  }));
  for (const { leg, airport } of legs) {
    if (!(await asked(() => partnerMail.requestAirportAssistance(caseRef, leg, airport, itinerary)))) return;
    saga.add((reason, via) => via.cancelAirportAssistance(caseRef, leg, airport, reason), booking, `${leg}:${airport}`);
  }
  if (!(await asked(() => partnerMail.requestOnwardTravel(caseRef, itinerary)))) return;
  saga.add((reason, via) => via.cancelOnwardTravel(caseRef, reason), booking);
}
