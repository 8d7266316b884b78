import { Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/activity';
import {
  ReturnErrorType,
  travelPlan,
  type CaseOutcome,
  type CaseRecordActivities,
  type ReturnStage,
  type TravelPlan,
} from '@avrr/contracts';
import { CaseRecords, ProgrammePolicies } from '@avrr/persistence';
import { idempotencyKey } from '../idempotency-key';

@Injectable()
export class CaseRecordsActivities implements CaseRecordActivities {
  constructor(
    private readonly caseRecords: CaseRecords,
    private readonly policies: ProgrammePolicies,
  ) {}

  async recordStage(caseRef: string, stage: ReturnStage): Promise<void> {
    await this.caseRecords.recordStage(caseRef, stage, idempotencyKey());
  }

  async recordClosure(caseRef: string, outcome: CaseOutcome, reason: string): Promise<void> {
    await this.caseRecords.recordClosure(caseRef, outcome, reason, idempotencyKey());
  }

  /** Read from PostgreSQL: the vulnerabilities never travel to Temporal, only the steps they call for. */
  async travelPlan(caseRef: string): Promise<TravelPlan> {
    const returnCase = await this.caseRecords.findCase(caseRef);
    if (!returnCase) {
      throw ApplicationFailure.nonRetryable(`no case ${caseRef} in the database`, ReturnErrorType.CaseNotFound);
    }
    const policy = await this.policies.version(returnCase.programmeCode, returnCase.policyVersion);
    if (!policy) throw new Error(`case ${caseRef} pins a policy version that does not exist`);
    return travelPlan(policy.travel, returnCase.vulnerabilities);
  }
}
