import type { Itinerary } from '@avrr/contracts';
import { PartnerApi } from '../partner-api';
import type { BookingRequest, CancellationRequest, FlightBookingApi } from './flight-booking.port';

export const BOOKING_REFUSED = 'BookingRefused';

/**
 * A travel agency's booking API over HTTP. Every booking carries the return's booking key as
 * `Idempotency-Key`, so a retry gets the booking already made. Slow answers and 5xx are retried (by Temporal);
 * a 4xx is the agency's refusal, not retried.
 */
export class AgencyApiBooking implements FlightBookingApi {
  private readonly api: PartnerApi;

  constructor(api: { url: string; apiKey?: string; timeoutMs: number }) {
    this.api = new PartnerApi(api, 'agency', BOOKING_REFUSED);
  }

  async book({ travellers, segments }: BookingRequest, bookingKey: string): Promise<Itinerary> {
    const booking = await this.api.call<Itinerary>(
      'POST',
      '/bookings',
      { travellers, segments },
      { 'idempotency-key': bookingKey },
    );
    return { bookingRef: booking.bookingRef, segments: booking.segments };
  }

  /** Asks, without booking, what the agency booked under the key (`GET /bookings` with the key's header). */
  async bookedUnder(bookingKey: string): Promise<Itinerary | null> {
    const booking = await this.api.find<Itinerary>('/bookings', { 'idempotency-key': bookingKey });
    return booking && { bookingRef: booking.bookingRef, segments: booking.segments };
  }

  /** Cancelling twice is harmless at the agency: the second call finds the booking cancelled. */
  /** The whole booking, or only the flights named (`{"flights": ["PK708"]}`: the others were flown). */
  async cancel({ bookingRef, flights }: CancellationRequest, key: string): Promise<void> {
    if (!bookingRef) throw new Error('a booking made through the agency API always has a booking reference');
    const body = flights && { flights: flights.map((f) => f.flight) };
    await this.api.call('POST', `/bookings/${encodeURIComponent(bookingRef)}/cancel`, body, {
      'idempotency-key': key,
    });
  }
}
