import { Inject, Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/activity';
import { ReturnErrorType, type BookingActivities, type FlightSegment, type Itinerary } from '@avrr/contracts';
import { CaseRecords, SYSTEM_ACTOR } from '@avrr/persistence';
import { idempotencyKey } from '../idempotency-key';
import { FLIGHT_BOOKING, type FlightBookingPort } from './flight-booking.port';

@Injectable()
export class BookingService implements BookingActivities {
  constructor(
    @Inject(FLIGHT_BOOKING) private readonly booking: FlightBookingPort,
    private readonly caseRecords: CaseRecords,
  ) {}

  async bookFlights(caseRef: string, bookingKey: string, segments: FlightSegment[]): Promise<Itinerary> {
    const returnCase = await this.caseRecords.findCase(caseRef);
    if (!returnCase) {
      throw ApplicationFailure.nonRetryable(`no case ${caseRef} in the database`, ReturnErrorType.CaseNotFound);
    }
    // The agency needs the travellers' names as on their documents, and nothing else of the case.
    const travellers = returnCase.persons.map(({ givenName, familyName }) => ({ givenName, familyName }));
    const itinerary = await this.booking.book({ travellers, segments }, bookingKey);
    await this.caseRecords.addTimelineEvent({
      caseRef,
      kind: 'flights-booked',
      summary: `Booked ${itinerary.segments.map((s) => s.flight).join(', ')} (booking ${itinerary.bookingRef})`,
      actor: SYSTEM_ACTOR,
      idempotencyKey: idempotencyKey(),
    });
    return itinerary;
  }

  async cancelBooking(caseRef: string, bookingRef: string): Promise<void> {
    await this.booking.cancel(bookingRef);
    await this.caseRecords.addTimelineEvent({
      caseRef,
      kind: 'booking-cancelled',
      summary: `Booking ${bookingRef} cancelled`,
      actor: SYSTEM_ACTOR,
      idempotencyKey: idempotencyKey(),
    });
  }
}
