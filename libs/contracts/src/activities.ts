import type { BookingActivities } from './booking';
import type { PartnerKind } from './partners';
import type { OpsActivities, OpsDigestActivities } from './ops';
import type { TravelPlan } from './policy';
import type { ReintegrationPolicy } from './reintegration';
import type { AccommodationActivities, TravelAssistanceActivities } from './travel-assistance';
import type { CaseOutcome, ReturnStage } from './return-workflow';

/** Writes what the workflow decided into the case record in PostgreSQL. */
export interface CaseRecordActivities {
  recordStage(caseRef: string, stage: ReturnStage): Promise<void>;
  /** Closes the case with its outcome and the reason staff will read. */
  recordClosure(caseRef: string, outcome: CaseOutcome, reason: string): Promise<void>;
  /** The withdrawal is decided while what was booked is still being cancelled: the record holds the outcome then. */
  recordWithdrawn(caseRef: string): Promise<void>;
  /** What the journey needs (checks, escort) from the case's vulnerabilities and its pinned policy. */
  travelPlan(caseRef: string): Promise<TravelPlan>;
  /** The reintegration part of the case's pinned policy (defaults for versions published before it). */
  reintegrationPolicy(caseRef: string): Promise<ReintegrationPolicy>;
  /** A line in the case's timeline for something the workflow decided (no personal data). */
  recordEvent(caseRef: string, kind: string, summary: string): Promise<void>;
  /** A follow-up visit that did not happen in time: kept as missed, not skipped. */
  recordMissedVisit(caseRef: string, followUp: number, dueAt: string): Promise<void>;
}

/** E-mails to the mission in the country of return, after arrival. */
export interface AftercareMailActivities {
  requestPlan(caseRef: string, dueAt: string): Promise<void>;
  remindPlan(caseRef: string, reminderNumber: number): Promise<void>;
  escalatePlan(caseRef: string, supervisors: string[], arrivedAt: string): Promise<void>;
  requestVisit(caseRef: string, followUp: number, dueAt: string): Promise<void>;
  remindVisit(caseRef: string, followUp: number, reminderNumber: number): Promise<void>;
  escalateVisit(caseRef: string, followUp: number, supervisors: string[], dueAt: string): Promise<void>;
  /** Tells the mission that a visit not recorded in time is recorded as missed: it is no longer expected. */
  tellVisitMissed(caseRef: string, followUp: number, dueAt: string): Promise<void>;
  /** Tells the mission that the case closed, so the plan and the visits it was asked for are no longer expected. */
  tellClosed(caseRef: string, outcome: string, owed: { plan: boolean; visits: number[] }): Promise<void>;
}

/** Reintegration money through the payment port: each tranche paid exactly once, never in cash. */
export interface PaymentActivities {
  /** Issues the tranche's voucher (answering its expiry) or pays its vendor; `retry` counts staff's retries. */
  disburse(caseRef: string, tranche: number, retry?: number): Promise<{ expiresAt?: string }>;
  /** Voids an unredeemed voucher at expiry or at closure; 'redeemed' when a vendor redeemed it first. */
  expireVoucher(caseRef: string, tranche: number, why: 'expired' | 'case-closed'): Promise<'expired' | 'redeemed'>;
  /**
   * A tranche not paid when the case closes, or refused by the provider (`refusal`): it is cancelled, and its amount
   * returns to the budget.
   */
  cancelDisbursement(caseRef: string, tranche: number, refusal?: string): Promise<void>;
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
  /** Tells the partner of `kind` at `fromPlace` that the step it was asked for went to another partner. */
  tellHandedOver(caseRef: string, kind: PartnerKind, fromPlace: string): Promise<void>;
  /** Tells the supervisors a silence was escalated to that the returnee withdrew: it needs no action any more. */
  tellEscalationSettled(caseRef: string, supervisors: string[], what: string, escalatedAt: string): Promise<void>;
}

export type ReturnActivities = CaseRecordActivities &
  PartnerMailActivities &
  BookingActivities &
  TravelAssistanceActivities &
  AccommodationActivities &
  AftercareMailActivities &
  PaymentActivities &
  OpsActivities &
  OpsDigestActivities;
