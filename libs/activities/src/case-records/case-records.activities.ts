import { Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/activity';
import { DataSource } from 'typeorm';
import {
  ReturnErrorType,
  travelPlan,
  type CaseOutcome,
  type CaseRecordActivities,
  type ReintegrationPolicy,
  type ReturnStage,
  type TravelPlan,
} from '@avrr/contracts';
import { CaseRecords, MonitoringVisitEntity, ProgrammePolicies, SYSTEM_ACTOR } from '@avrr/persistence';
import { idempotencyKey } from '../idempotency-key';

@Injectable()
export class CaseRecordsActivities implements CaseRecordActivities {
  constructor(
    private readonly caseRecords: CaseRecords,
    private readonly policies: ProgrammePolicies,
    private readonly dataSource: DataSource,
  ) {}

  async recordStage(caseRef: string, stage: ReturnStage): Promise<void> {
    await this.caseRecords.recordStage(caseRef, stage, idempotencyKey());
  }

  async recordWithdrawn(caseRef: string): Promise<void> {
    await this.caseRecords.recordWithdrawn(caseRef, idempotencyKey());
  }

  async recordClosure(caseRef: string, outcome: CaseOutcome, reason: string): Promise<void> {
    await this.caseRecords.recordClosure(caseRef, outcome, reason, idempotencyKey());
  }

  /** Read from PostgreSQL: the vulnerabilities never travel to Temporal, only the steps they call for. */
  async travelPlan(caseRef: string): Promise<TravelPlan> {
    const { returnCase, policy } = await this.pinned(caseRef);
    return travelPlan(policy.travel, returnCase.vulnerabilities);
  }

  async reintegrationPolicy(caseRef: string): Promise<ReintegrationPolicy> {
    return (await this.pinned(caseRef)).policy.reintegration;
  }

  async recordEvent(caseRef: string, kind: string, summary: string): Promise<void> {
    await this.caseRecords.addTimelineEvent({
      caseRef,
      kind,
      summary,
      actor: SYSTEM_ACTOR,
      idempotencyKey: idempotencyKey(),
    });
  }

  async recordMissedVisit(caseRef: string, followUp: number, dueAt: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(MonitoringVisitEntity)
        .values({ caseRef, followUp, dueAt: new Date(dueAt), status: 'missed', recordedBy: SYSTEM_ACTOR })
        .orIgnore()
        .execute();
      await this.caseRecords.addTimelineEvent(
        {
          caseRef,
          kind: 'monitoring-visit-missed',
          summary: `Monitoring visit ${followUp} (due from ${dueAt.slice(0, 10)}) missed: not recorded in time`,
          actor: SYSTEM_ACTOR,
          idempotencyKey: idempotencyKey(),
        },
        manager,
      );
    });
  }

  private async pinned(caseRef: string) {
    const returnCase = await this.caseRecords.findCase(caseRef);
    if (!returnCase) {
      throw ApplicationFailure.nonRetryable(`no case ${caseRef} in the database`, ReturnErrorType.CaseNotFound);
    }
    return { returnCase, policy: await this.policies.pinnedBy(returnCase) };
  }
}
