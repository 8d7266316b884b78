import type { ReturnStage } from './return-workflow';

/** Writes what the workflow decided into the case record in PostgreSQL. */
export interface CaseRecordActivities {
  recordStage(caseRef: string, stage: ReturnStage): Promise<void>;
}

/** E-mails to partners. Each reads what the partner needs from PostgreSQL, so no personal data enters Temporal. */
export interface PartnerMailActivities {
  /** `dueAt` is the ISO date-time by which the policy expects the document. */
  requestTravelDocument(caseRef: string, dueAt: string): Promise<void>;
  remindTravelDocument(caseRef: string, reminderNumber: number): Promise<void>;
}

export type ReturnActivities = CaseRecordActivities & PartnerMailActivities;
