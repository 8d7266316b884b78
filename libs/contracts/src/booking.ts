/** One flight of an itinerary: IATA flight number and airports, departure as an ISO date-time. */
export interface FlightSegment {
  flight: string;
  from: string;
  to: string;
  departsAt: string;
}

/** What a booking gives the workflow: the agency's reference and the flights; the travellers stay in PostgreSQL. */
export interface Itinerary {
  bookingRef: string;
  segments: FlightSegment[];
}

/** Tickets, through the booking port (an agency's API, or e-mail to the agency). */
export interface BookingActivities {
  /** Books the case's travellers on these flights; the same `bookingKey` never buys a second ticket. */
  bookFlights(caseRef: string, bookingKey: string, segments: FlightSegment[]): Promise<Itinerary>;
  cancelBooking(caseRef: string, bookingRef: string): Promise<void>;
}
