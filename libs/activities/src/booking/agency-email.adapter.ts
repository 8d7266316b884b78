import { Injectable } from '@nestjs/common';
import { ProgrammePolicies } from '@avrr/persistence';
import { PartnerLookup } from '../partner-lookup';
import { SentMailLog } from '../mail/sent-mail-log';
import { bookingCancellation, bookingEscalation, bookingReminder, bookingRequest } from './agency-mail';
import type { BookingRequest, CancellationRequest, FlightBookingPort } from './flight-booking.port';

/**
 * Booking by e-mail to the programme's travel agency. The agency answers by e-mail too; staff record its
 * itinerary, so `book` returns null. Each e-mail goes out once per key, however often the activity runs.
 */
@Injectable()
export class AgencyEmailBooking implements FlightBookingPort {
  constructor(
    private readonly partners: PartnerLookup,
    private readonly policies: ProgrammePolicies,
    private readonly sentMail: SentMailLog,
  ) {}

  async book({ caseRef, travellers, segments }: BookingRequest, bookingKey: string): Promise<null> {
    const agency = await this.agencyOf(caseRef);
    await this.sentMail.sendOnce(bookingKey, {
      caseRef,
      kind: 'booking-requested',
      to: agency.email,
      ...bookingRequest(caseRef, agency, travellers, segments),
      timelineSummary: `Booking of ${segments.map((s) => s.flight).join(', ')} requested from ${agency.name}`,
    });
    return null;
  }

  async cancel({ caseRef, bookingRef, reason, flights }: CancellationRequest, idempotencyKey: string): Promise<void> {
    const agency = await this.agencyOf(caseRef);
    await this.sentMail.sendOnce(idempotencyKey, {
      caseRef,
      kind: 'booking-cancelled',
      to: agency.email,
      ...bookingCancellation(caseRef, agency, bookingRef, reason, flights),
      timelineSummary: `${agency.name} asked to cancel ${bookingRef ? `booking ${bookingRef}` : 'the booking request'}`,
    });
  }

  async remind(caseRef: string, reminderNumber: number, idempotencyKey: string): Promise<void> {
    const agency = await this.agencyOf(caseRef);
    await this.sentMail.sendOnce(idempotencyKey, {
      caseRef,
      kind: 'booking-reminder',
      to: agency.email,
      ...bookingReminder(caseRef, agency, reminderNumber),
      timelineSummary: `Reminder ${reminderNumber} sent to ${agency.name}`,
    });
  }

  async escalate(caseRef: string, supervisors: string[], requestedAt: string, idempotencyKey: string): Promise<void> {
    const agency = await this.agencyOf(caseRef);
    await this.sentMail.sendOnce(idempotencyKey, {
      caseRef,
      kind: 'booking-escalated',
      to: supervisors.join(', '),
      ...bookingEscalation(caseRef, agency, requestedAt),
      timelineSummary: `Escalated to ${supervisors.join(', ')}: ${agency.name} has not answered`,
    });
  }

  /** The agency the case's pinned policy names. */
  private async agencyOf(caseRef: string) {
    const { partner } = await this.partners.find(
      caseRef,
      'travel-agency',
      async (returnCase) => (await this.policies.pinnedBy(returnCase)).travel.agencyCode,
    );
    return partner;
  }
}
