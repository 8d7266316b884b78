import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AccommodationActivities } from '@avrr/contracts';
import { AccommodationEntity } from '@avrr/persistence';
import { idempotencyKey } from '../idempotency-key';
import { PartnerLookup } from '../partner-lookup';
import { SentMailLog } from '../mail/sent-mail-log';
import { accommodationCancellation, accommodationRequest, accommodationRevision } from './accommodation-mail';

/** Temporary accommodation before departure, with the programme's accommodation partner in the host country. */
@Injectable()
export class AccommodationService implements AccommodationActivities {
  constructor(
    private readonly partners: PartnerLookup,
    private readonly sentMail: SentMailLog,
    private readonly dataSource: DataSource,
  ) {}

  async requestAccommodation(caseRef: string, from: string, until: string): Promise<void> {
    const { returnCase, partner } = await this.partners.find(caseRef, 'accommodation', (c) => c.hostCountry);
    await this.sentMail.sendOnce(idempotencyKey(), {
      caseRef,
      kind: 'accommodation-requested',
      to: partner.email,
      ...accommodationRequest(returnCase, partner, from, until),
      timelineSummary: `Accommodation from ${from} until ${until} requested from ${partner.name}`,
    });
  }

  async reviseAccommodation(caseRef: string, from: string, until: string): Promise<void> {
    const { returnCase, partner } = await this.partners.find(caseRef, 'accommodation', (c) => c.hostCountry);
    await this.sentMail.sendOnce(idempotencyKey(), {
      caseRef,
      kind: 'accommodation-revised',
      to: partner.email,
      ...accommodationRevision(returnCase, partner, from, until),
      timelineSummary: `${partner.name} asked for the accommodation from ${from} until ${until} instead`,
    });
  }

  async cancelAccommodation(caseRef: string): Promise<void> {
    const { returnCase, partner } = await this.partners.find(caseRef, 'accommodation', (c) => c.hostCountry);
    await this.sentMail.sendOnce(idempotencyKey(), {
      caseRef,
      kind: 'accommodation-cancelled',
      to: partner.email,
      ...accommodationCancellation(returnCase, partner),
      timelineSummary: `${partner.name} told that the accommodation is cancelled`,
    });
    await this.dataSource.manager.update(AccommodationEntity, { caseRef }, { status: 'cancelled' });
  }
}
