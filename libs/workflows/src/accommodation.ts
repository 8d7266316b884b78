import { condition, patched } from '@temporalio/workflow';
import { partnerMail } from './activity-proxies';
import { sentUnlessStopped } from './partner-calls';
import type { Saga } from './saga';
import type { Trip } from './trip';
import { ACCOMMODATION_REVISED } from './versions';

/**
 * Temporary accommodation before departure: requested as soon as staff arrange it, while the rest of the journey
 * goes on; until departure, nights arranged again (a rebooking moved them) are sent as a revision of that request.
 * Each call is cut short when the returnee withdraws, so a partner missing from the directory never holds the
 * withdrawal; the saga then cancels what was requested.
 */
export async function arrangeAccommodationWhenAsked(
  caseRef: string,
  trip: Trip,
  saga: Saga,
  withdrawn: () => boolean,
): Promise<void> {
  const asked = (send: () => Promise<void>) => sentUnlessStopped(send, withdrawn);
  await condition(() => trip.accommodation !== null || trip.leftHost);
  let sent = trip.accommodation;
  if (!sent) return;
  const { from, until } = sent;
  if (!(await asked(() => partnerMail.requestAccommodation(caseRef, from, until)))) return;
  saga.add((_reason, via) => via.cancelAccommodation(caseRef));
  for (;;) {
    await condition(() => trip.accommodation !== sent || trip.leftHost);
    if (trip.accommodation === sent || !patched(ACCOMMODATION_REVISED)) return;
    const nights = (sent = trip.accommodation!);
    if (!(await asked(() => partnerMail.reviseAccommodation(caseRef, nights.from, nights.until)))) return;
  }
}
