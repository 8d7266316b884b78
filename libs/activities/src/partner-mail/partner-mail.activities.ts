import { Injectable } from '@nestjs/common';
import type { PartnerMailActivities } from '@avrr/contracts';
import { idempotencyKey } from '../idempotency-key';
import { PartnerLookup } from '../partner-lookup';
import { SentMailLog } from '../mail/sent-mail-log';
import {
  travelDocumentCancellation,
  travelDocumentEscalation,
  travelDocumentReminder,
  travelDocumentRequest,
} from './travel-document-mail';

@Injectable()
export class PartnerMailService implements PartnerMailActivities {
  constructor(
    private readonly partners: PartnerLookup,
    private readonly sentMail: SentMailLog,
  ) {}

  async requestTravelDocument(caseRef: string, dueAt: string): Promise<void> {
    const { returnCase, consulate } = await this.consulateFor(caseRef);
    const mail = travelDocumentRequest(returnCase, consulate, dueAt);
    await this.sentMail.sendOnce(idempotencyKey(), {
      caseRef,
      kind: 'travel-document-requested',
      to: consulate.email,
      ...mail,
      timelineSummary: `Travel document requested from ${consulate.name}`,
    });
  }

  async remindTravelDocument(caseRef: string, reminderNumber: number): Promise<void> {
    const { returnCase, consulate } = await this.consulateFor(caseRef);
    await this.sentMail.sendOnce(idempotencyKey(), {
      caseRef,
      kind: 'travel-document-reminder',
      to: consulate.email,
      ...travelDocumentReminder(returnCase, consulate, reminderNumber),
      timelineSummary: `Reminder ${reminderNumber} sent to ${consulate.name}`,
    });
  }

  async escalateTravelDocument(caseRef: string, supervisors: string[], requestedAt: string): Promise<void> {
    const { returnCase, consulate } = await this.consulateFor(caseRef);
    await this.sentMail.sendOnce(idempotencyKey(), {
      caseRef,
      kind: 'travel-document-escalated',
      to: supervisors.join(', '),
      ...travelDocumentEscalation(returnCase, consulate, requestedAt),
      timelineSummary: `Escalated to ${supervisors.join(', ')}: ${consulate.name} has not answered`,
    });
  }

  async cancelTravelDocumentRequest(caseRef: string): Promise<void> {
    const { returnCase, consulate } = await this.consulateFor(caseRef);
    await this.sentMail.sendOnce(idempotencyKey(), {
      caseRef,
      kind: 'travel-document-request-withdrawn',
      to: consulate.email,
      ...travelDocumentCancellation(returnCase, consulate),
      timelineSummary: `${consulate.name} told that the request is withdrawn`,
    });
  }

  private async consulateFor(caseRef: string) {
    const { returnCase, partner } = await this.partners.find(caseRef, 'consulate', (c) => c.destinationCountry);
    return { returnCase, consulate: partner };
  }
}
