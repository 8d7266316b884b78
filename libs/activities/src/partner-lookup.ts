import { Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/activity';
import { ReturnErrorType, type PartnerKind } from '@avrr/contracts';
import { CaseRecords, PartnerDirectory, type PartnerEntity, type ReturnCaseEntity } from '@avrr/persistence';

/** The case an activity works on, and the partner it writes to, or the failure that says which is missing. */
@Injectable()
export class PartnerLookup {
  constructor(
    private readonly caseRecords: CaseRecords,
    private readonly partners: PartnerDirectory,
  ) {}

  async find(
    caseRef: string,
    kind: PartnerKind,
    placeOf: (returnCase: ReturnCaseEntity) => string | Promise<string>,
  ): Promise<{ returnCase: ReturnCaseEntity; partner: PartnerEntity }> {
    const returnCase = await this.caseRecords.findCase(caseRef);
    if (!returnCase) {
      throw ApplicationFailure.nonRetryable(`no case ${caseRef} in the database`, ReturnErrorType.CaseNotFound);
    }
    const { place, partner } = await this.partners.forCase(caseRef, kind, await placeOf(returnCase));
    if (!partner) {
      // Retried: the step waits, visibly, until someone adds the partner to the directory.
      throw ApplicationFailure.retryable(
        `no ${kind} for ${place} in the partner directory`,
        ReturnErrorType.PartnerMissing,
      );
    }
    return { returnCase, partner };
  }
}
