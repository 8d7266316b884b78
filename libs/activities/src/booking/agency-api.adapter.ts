import { ApplicationFailure } from '@temporalio/activity';
import type { Itinerary } from '@avrr/contracts';
import type { BookingRequest, CancellationRequest, FlightBookingPort } from './flight-booking.port';

export const BOOKING_REFUSED = 'BookingRefused';

/**
 * A travel agency's booking API over HTTP. Every booking carries the return's booking key as
 * `Idempotency-Key`, so a retry gets the booking already made. Slow answers and 5xx are thrown as retryable
 * errors (Temporal retries the activity); a 4xx is the agency's refusal, not retried.
 */
export class AgencyApiBooking implements FlightBookingPort {
  constructor(private readonly api: { url: string; apiKey?: string; timeoutMs: number }) {}

  async book({ travellers, segments }: BookingRequest, bookingKey: string): Promise<Itinerary> {
    const booking = await this.call<Itinerary>(
      'POST',
      '/bookings',
      { travellers, segments },
      { 'idempotency-key': bookingKey },
    );
    return { bookingRef: booking.bookingRef, segments: booking.segments };
  }

  /** Cancelling twice is harmless at the agency: the second call finds the booking cancelled. */
  async cancel({ bookingRef }: CancellationRequest): Promise<void> {
    if (!bookingRef) throw new Error('a booking made through the agency API always has a booking reference');
    await this.call('POST', `/bookings/${encodeURIComponent(bookingRef)}/cancel`);
  }

  private async call<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const response = await fetch(`${this.api.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(this.api.apiKey ? { authorization: `Bearer ${this.api.apiKey}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.api.timeoutMs),
    });
    const text = await response.text();
    if (response.status >= 500) throw new Error(`the agency answered ${response.status} to ${method} ${path}`);
    if (!response.ok) {
      throw ApplicationFailure.nonRetryable(
        `the agency refused ${method} ${path} (${response.status}): ${text.slice(0, 200)}`,
        BOOKING_REFUSED,
      );
    }
    return JSON.parse(text) as T;
  }
}
