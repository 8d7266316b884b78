import { Injectable } from '@nestjs/common';
import type { CaseOutcome, CaseRecordActivities, ReturnStage } from '@avrr/contracts';
import { CaseRecords } from '@avrr/persistence';
import { idempotencyKey } from '../idempotency-key';

@Injectable()
export class CaseRecordsActivities implements CaseRecordActivities {
  constructor(private readonly caseRecords: CaseRecords) {}

  async recordStage(caseRef: string, stage: ReturnStage): Promise<void> {
    await this.caseRecords.recordStage(caseRef, stage, idempotencyKey());
  }

  async recordClosure(caseRef: string, outcome: CaseOutcome, reason: string): Promise<void> {
    await this.caseRecords.recordClosure(caseRef, outcome, reason, idempotencyKey());
  }
}
