import type { CancellationReason, FlightSegment, Itinerary } from '@avrr/contracts';

/** IATA's passenger types, by age on the first flight: the fare an airline books (under 2, under 12, older). */
export type PassengerType = 'infant' | 'child' | 'adult';

export interface Traveller {
  givenName: string;
  familyName: string;
  type: PassengerType;
}

export interface BookingRequest {
  caseRef: string;
  /** The case's persons, then its escort: names as on their travel documents. */
  travellers: Traveller[];
  segments: FlightSegment[];
}

export interface CancellationRequest {
  caseRef: string;
  /** Null for an e-mailed request the agency has not answered with a booking yet. */
  bookingRef: string | null;
  reason: CancellationReason;
  /** Only these flights of the booking (the others were flown); the whole booking when absent. */
  flights?: FlightSegment[];
}

/**
 * How tickets are bought: an agency's booking API, or e-mail to the agency. A real provider's adapter
 * implements the same two calls, each idempotent on the key it is given.
 */
export interface FlightBookingPort {
  /** The itinerary, or null when the agency answers later (by e-mail) and staff record its itinerary. */
  book(request: BookingRequest, bookingKey: string): Promise<Itinerary | null>;
  cancel(request: CancellationRequest, idempotencyKey: string): Promise<void>;
}

/** An agency's booking API: it also tells what it booked under a booking key, without booking. */
export interface FlightBookingApi extends FlightBookingPort {
  /** The booking made under this key, or null when none was (the call never reached the agency, or it refused). */
  bookedUnder(bookingKey: string): Promise<Itinerary | null>;
}

export const FLIGHT_BOOKING_API = Symbol('FlightBookingApi');
