import type { Itinerary } from './booking';

/** Which part of the journey an airport team assists with. */
export type AirportLeg = 'departure' | 'transit' | 'arrival';

/** E-mails to the partners who assist the travellers on the way: airport teams and the mission at home. */
export interface TravelAssistanceActivities {
  requestAirportAssistance(caseRef: string, leg: AirportLeg, airport: string, itinerary: Itinerary): Promise<void>;
  cancelAirportAssistance(caseRef: string, leg: AirportLeg, airport: string): Promise<void>;
  /** Asks the IOM mission in the country of return to receive the travellers and take them home. */
  requestOnwardTravel(caseRef: string, itinerary: Itinerary): Promise<void>;
}
