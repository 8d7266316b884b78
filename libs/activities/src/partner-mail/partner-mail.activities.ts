import { Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/activity';
import { ReturnErrorType, type PartnerMailActivities } from '@avrr/contracts';
import { CaseRecords, PartnerDirectory, type PartnerEntity, type ReturnCaseEntity } from '@avrr/persistence';
import { idempotencyKey } from '../idempotency-key';
import { SentMailLog } from '../mail/sent-mail-log';
import { travelDocumentReminder, travelDocumentRequest } from './travel-document-mail';

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
