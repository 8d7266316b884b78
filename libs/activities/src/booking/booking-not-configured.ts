import type { FlightBookingApi } from './flight-booking.port';

/** Without a booking API configured, a booking waits (retried, visible in Temporal UI) until one is. */
export class BookingNotConfigured implements FlightBookingApi {
  book(): never {
    throw new Error('no travel agency booking API is configured (TRAVEL_AGENCY_API_URL)');
  }
  bookedUnder(): never {
    throw new Error('no travel agency booking API is configured (TRAVEL_AGENCY_API_URL)');
  }
  cancel(): never {
    throw new Error('no travel agency booking API is configured (TRAVEL_AGENCY_API_URL)');
  }
}
