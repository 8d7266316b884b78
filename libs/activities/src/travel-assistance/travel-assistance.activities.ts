import { Injectable } from '@nestjs/common';
import {
  assistedAirports,
  type AirportLeg,
  type CancellationReason,
  type Itinerary,
  type JourneyConfirmation,
  type PartnerKind,
  type TravelAssistanceActivities,
} from '@avrr/contracts';
import { CaseRecords } from '@avrr/persistence';
import { idempotencyKey } from '../idempotency-key';
import { PartnerLookup } from '../partner-lookup';
import { SentMailLog } from '../mail/sent-mail-log';
import {
  airportAssistanceCancellation,
  airportAssistanceRequest,
  confirmationEscalation,
  confirmationReminder,
  onwardTravelCancellation,
  onwardTravelRequest,
} from './travel-assistance-mail';

/** Who confirms each step on the way: the airport team at departure and transit, the mission at home. */
const CONFIRMED_BY: Record<JourneyConfirmation, PartnerKind> = {
  departure: 'airport-assistance',
  transit: 'airport-assistance',
  arrival: 'mission',
  'onward-travel': 'mission',
};

@Injectable()
export class TravelAssistanceService implements TravelAssistanceActivities {
  constructor(
    private readonly partners: PartnerLookup,
    private readonly sentMail: SentMailLog,
    private readonly caseRecords: CaseRecords,
  ) {}

  async requestAirportAssistance(
    caseRef: string,
    leg: AirportLeg,
    airport: string,
    itinerary: Itinerary,
  ): Promise<void> {
    const { returnCase, partner } = await this.partners.find(caseRef, 'airport-assistance', () => airport);
    await this.sentMail.sendOnce(idempotencyKey(), {
      caseRef,
      kind: `airport-assistance-requested`,
      to: partner.email,
      ...airportAssistanceRequest(returnCase, partner, leg, itinerary, await this.caseRecords.findEscort(caseRef)),
      timelineSummary: `Airport assistance (${leg}) requested from ${partner.name}`,
    });
  }

  async cancelAirportAssistance(
    caseRef: string,
    leg: AirportLeg,
    airport: string,
    reason: CancellationReason,
  ): Promise<void> {
    const { returnCase, partner } = await this.partners.find(caseRef, 'airport-assistance', () => airport);
    // Rebooked, the new flights are booked already: a team whose airport they avoid is asked nothing more.
    const route = reason === 'rebooked' ? await this.caseRecords.bookedFlights(caseRef) : [];
    const onNewRoute = assistedAirports(route).includes(airport);
    await this.sentMail.sendOnce(idempotencyKey(), {
      caseRef,
      kind: 'airport-assistance-cancelled',
      to: partner.email,
      ...airportAssistanceCancellation(returnCase, partner, leg, reason, onNewRoute),
      timelineSummary: `${partner.name} told that the ${leg} assistance is cancelled (${reason})`,
    });
  }

  async requestOnwardTravel(caseRef: string, itinerary: Itinerary): Promise<void> {
    const { returnCase, partner } = await this.partners.find(caseRef, 'mission', (c) => c.destinationCountry);
    await this.sentMail.sendOnce(idempotencyKey(), {
      caseRef,
      kind: 'onward-travel-requested',
      to: partner.email,
      ...onwardTravelRequest(returnCase, partner, itinerary, await this.caseRecords.findEscort(caseRef)),
      timelineSummary: `Reception and onward travel requested from ${partner.name}`,
    });
  }

  async cancelOnwardTravel(caseRef: string, reason: CancellationReason): Promise<void> {
    const { returnCase, partner } = await this.partners.find(caseRef, 'mission', (c) => c.destinationCountry);
    await this.sentMail.sendOnce(idempotencyKey(), {
      caseRef,
      kind: 'onward-travel-cancelled',
      to: partner.email,
      ...onwardTravelCancellation(returnCase, partner, reason),
      timelineSummary: `${partner.name} told that the reception is cancelled (${reason})`,
    });
  }

  async remindConfirmation(
    caseRef: string,
    confirmation: JourneyConfirmation,
    place: string,
    reminderNumber: number,
  ): Promise<void> {
    const { returnCase, partner } = await this.partners.find(caseRef, CONFIRMED_BY[confirmation], () => place);
    await this.sentMail.sendOnce(idempotencyKey(), {
      caseRef,
      kind: 'confirmation-reminder',
      to: partner.email,
      ...confirmationReminder(
        returnCase,
        partner,
        confirmation,
        reminderNumber,
        await this.caseRecords.bookedFlights(caseRef),
      ),
      timelineSummary: `Reminder ${reminderNumber} sent to ${partner.name}: ${confirmation} not confirmed`,
    });
  }

  async escalateConfirmation(
    caseRef: string,
    confirmation: JourneyConfirmation,
    place: string,
    supervisors: string[],
    dueAt: string,
  ): Promise<void> {
    const { returnCase, partner } = await this.partners.find(caseRef, CONFIRMED_BY[confirmation], () => place);
    await this.sentMail.sendOnce(idempotencyKey(), {
      caseRef,
      kind: 'confirmation-escalated',
      to: supervisors.join(', '),
      ...confirmationEscalation(returnCase, partner, confirmation, dueAt),
      timelineSummary: `Escalated to ${supervisors.join(', ')}: ${partner.name} has not confirmed the ${confirmation}`,
    });
  }
}
