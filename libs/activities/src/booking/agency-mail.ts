import type { CancellationReason, FlightSegment } from '@avrr/contracts';
import type { PartnerEntity } from '@avrr/persistence';
import { flightLines, readableUtc } from '../mail/format';
import { travellerLines } from '../mail/partner-mail-fields';
import type { Traveller } from './flight-booking.port';

/** The agency needs the names as on the documents and the flights; nothing else of the case. */
export function bookingRequest(
  caseRef: string,
  agency: PartnerEntity,
  travellers: Traveller[],
  segments: FlightSegment[],
) {
  return {
    subject: `Booking request - case ${caseRef}`,
    text: [
      `Dear ${agency.name},`,
      '',
      `Please book the following traveller(s), one ticket each, on these flights:`,
      ...flightLines(segments),
      '',
      ...travellerLines(travellers, 'bookingRequest'),
      '',
      `Please reply with your booking reference, quoting case reference ${caseRef}.`,
      '',
      'AVRR operations',
    ].join('\n'),
  };
}

export function bookingReminder(caseRef: string, agency: PartnerEntity, reminderNumber: number) {
  return {
    subject: `Reminder ${reminderNumber}: booking request - case ${caseRef}`,
    text: [
      `Dear ${agency.name},`,
      '',
      `We have not yet received the booking for case ${caseRef}. Please send us the booking reference and the`,
      'confirmed flights at your earliest convenience.',
      '',
      'AVRR operations',
    ].join('\n'),
  };
}

export function bookingEscalation(caseRef: string, agency: PartnerEntity, requestedAt: string) {
  return {
    subject: `Escalation: booking overdue - case ${caseRef}`,
    text: [
      `The booking requested from ${agency.name} (${agency.email}) on ${readableUtc(requestedAt)}`,
      `for case ${caseRef} has not been confirmed, and the programme's limit has passed despite reminders.`,
      '',
      'Please follow up with the agency.',
      '',
      'AVRR operations',
    ].join('\n'),
  };
}

export function bookingCancellation(
  caseRef: string,
  agency: PartnerEntity,
  bookingRef: string | null,
  reason: CancellationReason,
  flights?: FlightSegment[],
) {
  const what = bookingRef ? `booking ${bookingRef}` : 'our booking request';
  const cancel = flights
    ? [`please cancel these flights of ${what} (the flights before them were flown):`, ...flightLines(flights)]
    : [`please cancel ${what}.`];
  return {
    subject: `Cancel ${bookingRef ? `booking ${bookingRef}` : 'booking request'} - case ${caseRef}`,
    text: [
      `Dear ${agency.name},`,
      '',
      reason === 'rebooked'
        ? `The travellers of case ${caseRef} travel on other flights: ${cancel[0]}`
        : `The travellers of case ${caseRef} no longer travel: ${cancel[0]}`,
      ...cancel.slice(1),
      '',
      'AVRR operations',
    ].join('\n'),
  };
}
