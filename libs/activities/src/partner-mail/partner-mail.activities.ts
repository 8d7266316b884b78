import { Injectable } from '@nestjs/common';
import type { PartnerKind, PartnerMailActivities } from '@avrr/contracts';
import { DataSource } from 'typeorm';
import { PartnerDirectory, TravelDocumentEntity } from '@avrr/persistence';
import { idempotencyKey } from '../idempotency-key';
import { PartnerLookup } from '../partner-lookup';
import { SentMailLog } from '../mail/sent-mail-log';
import {
  escalationSettled,
  handedOverNotice,
  travelDocumentCancellation,
  travelDocumentEscalation,
  travelDocumentReminder,
  travelDocumentRequest,
} from './travel-document-mail';

/** What a partner of each kind whose step can be handed over was asked for (ops-controls.ts). */
const ASKED_OF: Record<PartnerKind, string> = {
  consulate: 'a travel document',
  'travel-agency': 'a booking',
  accommodation: 'temporary accommodation',
  mission: 'assistance',
  'airport-assistance': 'airport assistance',
};

@Injectable()
export class PartnerMailService implements PartnerMailActivities {
  constructor(
    private readonly partners: PartnerLookup,
    private readonly sentMail: SentMailLog,
    private readonly directory: PartnerDirectory,
    private readonly dataSource: DataSource,
  ) {}

  async requestTravelDocument(caseRef: string, dueAt: string): Promise<void> {
    // Recorded by staff while the request could not go out (no consulate yet, mail down): the consulate is asked
    // nothing, and gets no personal data for a document nobody needs.
    const [recorded] = await this.dataSource.query(
      `SELECT 1 FROM case_timeline WHERE case_ref = $1 AND kind = 'travel-document-recorded' LIMIT 1`,
      [caseRef],
    );
    if (recorded) return;
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
    const issued = await this.dataSource.manager.existsBy(TravelDocumentEntity, { caseRef });
    await this.sentMail.sendOnce(idempotencyKey(), {
      caseRef,
      kind: 'travel-document-request-withdrawn',
      to: consulate.email,
      ...travelDocumentCancellation(returnCase, consulate, issued),
      timelineSummary: `${consulate.name} told that the request is withdrawn`,
    });
  }

  async tellEscalationSettled(caseRef: string, supervisors: string[], what: string, escalatedAt: string) {
    await this.sentMail.sendOnce(idempotencyKey(), {
      caseRef,
      // Sent as the case is withdrawn (sent-mail-log.ts): it withdraws the escalation.
      kind: 'escalation-withdrawn',
      to: supervisors.join(', '),
      ...escalationSettled(caseRef, what, escalatedAt),
      timelineSummary: `${supervisors.join(', ')} told the escalation needs no action: the returnee withdrew`,
    });
  }

  async tellHandedOver(caseRef: string, kind: PartnerKind, fromPlace: string): Promise<void> {
    const previous = await this.directory.find(kind, fromPlace);
    // Taken out of the directory since: there is no address left to tell.
    if (!previous) return;
    await this.sentMail.sendOnce(idempotencyKey(), {
      caseRef,
      // A withdrawal, for that partner: sent even once the case is withdrawn (sent-mail-log.ts).
      kind: 'handed-over-request-withdrawn',
      to: previous.email,
      ...handedOverNotice(caseRef, previous, ASKED_OF[kind]),
      timelineSummary: `${previous.name} told that the request went to another partner`,
    });
  }

  private async consulateFor(caseRef: string) {
    const { returnCase, partner } = await this.partners.find(caseRef, 'consulate', (c) => c.destinationCountry);
    return { returnCase, consulate: partner };
  }
}
