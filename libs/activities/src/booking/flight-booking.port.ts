import type { FlightSegment, Itinerary } from '@avrr/contracts';

export interface BookingRequest {
  travellers: { givenName: string; familyName: string }[];
  segments: FlightSegment[];
}

/**
 * How tickets are bought. The adapter for an agency's booking API is here; a real provider's adapter
 * implements the same two calls, each idempotent on the key it is given.
 */
export interface FlightBookingPort {
  book(request: BookingRequest, bookingKey: string): Promise<Itinerary>;
  cancel(bookingRef: string): Promise<void>;
}

export const FLIGHT_BOOKING = Symbol('FlightBookingPort');
