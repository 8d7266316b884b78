import { Injectable } from '@nestjs/common';
import type { AirportLeg, Itinerary, TravelAssistanceActivities } from '@avrr/contracts';
import { idempotencyKey } from '../idempotency-key';
import { PartnerLookup } from '../partner-lookup';
import { SentMailLog } from '../mail/sent-mail-log';
import { airportAssistanceCancellation, airportAssistanceRequest, onwardTravelRequest } from './travel-assistance-mail';

@Injectable()
export class TravelAssistanceService implements TravelAssistanceActivities {
  constructor(
    private readonly partners: PartnerLookup,
    private readonly sentMail: SentMailLog,
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
      ...airportAssistanceRequest(returnCase, partner, leg, itinerary),
      timelineSummary: `Airport assistance (${leg}) requested from ${partner.name}`,
    });
  }

  async cancelAirportAssistance(caseRef: string, leg: AirportLeg, airport: string): Promise<void> {
    const { returnCase, partner } = await this.partners.find(caseRef, 'airport-assistance', () => airport);
    await this.sentMail.sendOnce(idempotencyKey(), {
      caseRef,
      kind: 'airport-assistance-cancelled',
      to: partner.email,
      ...airportAssistanceCancellation(returnCase, partner, leg),
      timelineSummary: `${partner.name} told that the ${leg} assistance is cancelled`,
    });
  }

  async requestOnwardTravel(caseRef: string, itinerary: Itinerary): Promise<void> {
    const { returnCase, partner } = await this.partners.find(caseRef, 'mission', (c) => c.destinationCountry);
    await this.sentMail.sendOnce(idempotencyKey(), {
      caseRef,
      kind: 'onward-travel-requested',
      to: partner.email,
      ...onwardTravelRequest(returnCase, partner, itinerary),
      timelineSummary: `Reception and onward travel requested from ${partner.name}`,
    });
  }
}
