import { Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/activity';
import { ReturnErrorType, type PartnerMailActivities } from '@avrr/contracts';
import { CaseRecords, PartnerDirectory, type PartnerEntity, type ReturnCaseEntity } from '@avrr/persistence';
import { idempotencyKey } from '../idempotency-key';
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
    private readonly caseRecords: CaseRecords,
    private readonly partners: PartnerDirectory,
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

  private async consulateFor(caseRef: string): Promise<{ returnCase: ReturnCaseEntity; consulate: PartnerEntity }> {
    const returnCase = await this.caseRecords.findCase(caseRef);
    if (!returnCase) {
      throw ApplicationFailure.nonRetryable(`no case ${caseRef} in the database`, ReturnErrorType.CaseNotFound);
    }
    const consulate = await this.partners.find('consulate', returnCase.destinationCountry);
    if (!consulate) {
      // Retried: the step waits, visibly in Temporal UI, until someone adds the consulate to the directory.
      throw ApplicationFailure.retryable(
        `no consulate for ${returnCase.destinationCountry} in the partner directory`,
        ReturnErrorType.PartnerMissing,
      );
    }
    return { returnCase, consulate };
  }
}
