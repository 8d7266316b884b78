import type { BookingChannel } from './policy';

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

/** Why partners are told that what they were asked for is off. */
export type CancellationReason = 'withdrawn' | 'rebooked';

/** Tickets for a case's travellers (and its escort) on these flights, through the programme's channel. */
export interface BookingOrder {
  caseRef: string;
  /** The same key never buys a second ticket, however often the activity runs. */
  bookingKey: string;
  segments: FlightSegment[];
  channel: BookingChannel;
  /** An escort travels too: the one staff named with the flights. */
  escorted: boolean;
}

/** Tickets, through the booking port: an agency's API, or e-mail to the agency. */
export interface BookingActivities {
  /**
   * Books the flights. Through the agency's API the itinerary comes back at once; by e-mail the answer is
   * null, and staff record the itinerary the agency sends back.
   */
  bookFlights(order: BookingOrder): Promise<Itinerary | null>;
  /** Reminds the agency of an e-mailed booking request it has not answered. */
  remindAgency(caseRef: string, reminderNumber: number): Promise<void>;
  escalateAgency(caseRef: string, supervisors: string[], requestedAt: string): Promise<void>;
  /**
   * Cancels a booking (or, by e-mail, a request the agency has not answered yet: `bookingRef` null); only `flights`
   * of it when given (a missed connection: the flights flown stand).
   */
  cancelBooking(
    caseRef: string,
    channel: BookingChannel,
    bookingRef: string | null,
    reason: CancellationReason,
    flights?: FlightSegment[],
  ): Promise<void>;
  /**
   * Cancels whatever an order cut short by a withdrawal may have booked: the agency's API answers the order's key with
   * the booking made under it (or books now), and that booking is cancelled; by e-mail, the request is withdrawn.
   */
  cancelOrder(order: BookingOrder, reason: CancellationReason): Promise<void>;
}
