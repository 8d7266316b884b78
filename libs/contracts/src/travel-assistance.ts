import type { CancellationReason, FlightSegment, Itinerary } from './booking';

/** Which part of the journey an airport team assists with; at arrival the mission receives the travellers. */
export type AirportLeg = 'departure' | 'transit';

/** The airports whose teams assist flights: where the first leaves from, then each one changed at. */
export function assistedAirports(segments: Pick<FlightSegment, 'from' | 'to'>[]): string[] {
  return segments.length ? [segments[0].from, ...segments.slice(0, -1).map((segment) => segment.to)] : [];
}

/** What partners confirm on the way, each in its stage. */
export type JourneyConfirmation = 'departure' | 'transit' | 'arrival' | 'onward-travel';

/** E-mails to the partners who assist the travellers on the way: airport teams and the mission at home. */
export interface TravelAssistanceActivities {
  requestAirportAssistance(caseRef: string, leg: AirportLeg, airport: string, itinerary: Itinerary): Promise<void>;
  cancelAirportAssistance(caseRef: string, leg: AirportLeg, airport: string, reason: CancellationReason): Promise<void>;
  /** Asks the IOM mission in the country of return to receive the travellers and take them home. */
  requestOnwardTravel(caseRef: string, itinerary: Itinerary): Promise<void>;
  cancelOnwardTravel(caseRef: string, reason: CancellationReason): Promise<void>;
  /** `place`: the airport (departure, transit) or the country of the mission (arrival, onward travel). */
  remindConfirmation(
    caseRef: string,
    confirmation: JourneyConfirmation,
    place: string,
    reminderNumber: number,
  ): Promise<void>;
  escalateConfirmation(
    caseRef: string,
    confirmation: JourneyConfirmation,
    place: string,
    supervisors: string[],
    dueAt: string,
  ): Promise<void>;
}

/** Temporary accommodation in the host country before departure, with the accommodation partner there. */
export interface AccommodationActivities {
  requestAccommodation(caseRef: string, from: string, until: string): Promise<void>;
  /** Sends the partner the new nights, which replace those it was asked for (e.g. after a rebooking). */
  reviseAccommodation(caseRef: string, from: string, until: string): Promise<void>;
  cancelAccommodation(caseRef: string): Promise<void>;
}
