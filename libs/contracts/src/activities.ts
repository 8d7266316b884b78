import type { BookingActivities } from './booking';
import type { TravelPlan } from './policy';
import type { AccommodationActivities, TravelAssistanceActivities } from './travel-assistance';
import type { CaseOutcome, ReturnStage } from './return-workflow';

/** Writes what the workflow decided into the case record in PostgreSQL. */
export interface CaseRecordActivities {
  recordStage(caseRef: string, stage: ReturnStage): Promise<void>;
  /** Closes the case with its outcome and the reason staff will read. */
  recordClosure(caseRef: string, outcome: CaseOutcome, reason: string): Promise<void>;
  /** What the journey needs (checks, escort) from the case's vulnerabilities and its pinned policy. */
  travelPlan(caseRef: string): Promise<TravelPlan>;
}

/** E-mails to partners. Each reads what the partner needs from PostgreSQL, so no personal data enters Temporal. */
export interface PartnerMailActivities {
  /** `dueAt` is the ISO date-time by which the policy expects the document. */
  requestTravelDocument(caseRef: string, dueAt: string): Promise<void>;
  remindTravelDocument(caseRef: string, reminderNumber: number): Promise<void>;
  /** Tells the programme's supervisors that the consulate is silent past the policy's limit. */
  escalateTravelDocument(caseRef: string, supervisors: string[], requestedAt: string): Promise<void>;
  /** Tells the consulate that its request is withdrawn. */
  cancelTravelDocumentRequest(caseRef: string): Promise<void>;
}

export type ReturnActivities = CaseRecordActivities &
  PartnerMailActivities &
  BookingActivities &
  TravelAssistanceActivities &
  AccommodationActivities;
