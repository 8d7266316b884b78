import { defineQuery, defineUpdate, type Sinks } from '@temporalio/workflow';
import type { FlightSegment, Itinerary } from './booking';
import type { PartnerKind } from './partners';
import type { ReturnPolicy, TravelCheck } from './policy';
import {
  CLOSURE_OUTCOMES,
  type ClosureOutcome,
  type DisbursementMethod,
  type ReintegrationPolicy,
} from './reintegration';

export const RETURN_WORKFLOW_TYPE = 'returnWorkflow';

/** Case references are business keys chosen by the programme; they never carry a person's name. */
export const CASE_REF_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,39}$/;

export function returnWorkflowId(caseRef: string): string {
  return `return-${caseRef}`;
}

/** The stages of the journey, in order; every case ends `closed`, with its outcome. */
export const RETURN_STAGES = [
  'intake',
  'declaration',
  'travel-document',
  'travel-arrangements',
  'departure',
  'transit',
  'arrival',
  'onward-travel',
  'reintegration',
  'monitoring',
  'closed',
] as const;
export type ReturnStage = (typeof RETURN_STAGES)[number];

/**
 * How a case ended: before its journey (ineligible, expired, withdrawn); home at its final destination (returned,
 * before reintegration was automated); or closed by a supervisor after its return.
 */
export const CASE_OUTCOMES = [
  'ineligible',
  'declaration-expired',
  'withdrawn',
  'returned',
  ...CLOSURE_OUTCOMES,
] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/** What starts a return: references and policy only. Personal data stays in PostgreSQL. */
export interface ReturnWorkflowInput {
  caseRef: string;
  destinationCountry: string;
  needsTravelDocument: boolean;
  policy: ReturnPolicy;
  /** Set when the return continues as new after arrival: where reintegration and monitoring stand. */
  aftercare?: AftercareState;
}

/** A tranche of reintegration assistance, as the workflow tracks it (amounts and vendors stay in PostgreSQL). */
export interface TrancheState {
  tranche: number;
  method: DisbursementMethod;
  status: 'requested' | 'approved' | 'paid' | 'closed' | 'expired' | 'cancelled';
  /** A voucher's expiry (ISO), once issued. */
  expiresAt?: string;
  /** The provider reported the voucher redeemed when its expiry came: it waits for the handover certificate. */
  redeemed?: boolean;
}

export interface VisitState {
  followUp: number;
  /** The follow-up date: arrival plus the policy's offset. */
  dueAt: string;
  status: 'scheduled' | 'requested' | 'done' | 'missed';
  remindersSent: number;
  escalated: boolean;
  /** The due date a supervisor moved the visit to (unstick extend); its escalation and missing move with it. */
  extendedTo?: string;
  /** When the last reminder went out: the next goes an interval later. */
  remindedAt?: string;
  /** When the escalation went out. */
  escalatedAt?: string;
}

/** Reintegration and monitoring after arrival: small, carried from one run to the next. */
export interface AftercareState {
  arrivedAt: string;
  stage: 'reintegration' | 'monitoring';
  policy: ReintegrationPolicy;
  /** Why the case has no reintegration (no mission, not funded); null when it has. */
  ineligibleReason: string | null;
  plan: 'awaited' | 'submitted' | 'approved';
  planRemindersSent: number;
  planEscalated: boolean;
  /** The due date a supervisor moved the plan to (unstick extend); its escalation moves with it. */
  planExtendedTo?: string;
  /** When the plan's last reminder went out: the next goes an interval later. */
  planRemindedAt?: string;
  /** When the plan's escalation went out. */
  planEscalatedAt?: string;
  tranches: TrancheState[];
  visits: VisitState[];
  /** The ids of the last staff steps accepted, so one sent again after continue-as-new is not applied twice. */
  acceptedSteps?: string[];
}

/** What the case currently waits for, and since when (epoch milliseconds as ISO strings). */
export interface Waiting {
  what: string;
  /** The partner asked, when a partner is asked (not for the returnee's own declaration). */
  partner?: PartnerKind;
  /** Where that partner is: an airport's IATA code for its team; without it, the partner of the case's country. */
  place?: string;
  /** Set while the partner is not asked yet: the day it will be (a follow-up's date). Until then no one is waited on. */
  askedOn?: string;
  since: string;
  /** When the answer is due; none while the case waits on its own staff (e.g. to choose the flights). */
  dueAt?: string;
  remindersSent: number;
  /** When the silence was escalated to the programme's supervisors. */
  escalatedAt?: string;
}

export interface ReturnStatus {
  caseRef: string;
  stage: ReturnStage;
  stageSince: string;
  waitingFor: Waiting | null;
  /** Set once the case is closed; a withdrawal's as soon as it is accepted, while what was booked is cancelled. */
  outcome?: CaseOutcome;
}

export const statusQuery = defineQuery<ReturnStatus>('status');

/**
 * The status query's answer, pushed by the workflow as it changes (a sink: no command, no history event) and written
 * to PostgreSQL by the worker before the workflow task completes, so that reading a case needs no worker.
 */
export interface CaseStatusSinks extends Sinks {
  caseStatus: {
    /** `seq` numbers the changes of the run (the same on a replay). */
    changed(status: ReturnStatus, ops: CaseOpsEntry | null, seq: number): void;
  };
}

/** What the case list shows of a running return, as its search attributes say it (ops-view.ts in the workflows). */
export interface CaseOpsEntry {
  /** `consulate:PK`, `airport-assistance:OTP`, or `staff`. */
  waitingOn: string | null;
  dueAt: string | null;
  /** `bookFlights:HTTP-503`: the step that keeps failing, with its error class. */
  failingStep: string | null;
}

/** Every human step names who did it: the signed-in staff member's id, never a name. */
export interface StaffStep {
  recordedBy: string;
}

/** Staff record that the consulate issued the travel document. */
export type TravelDocumentIssued = StaffStep;
export const travelDocumentIssuedUpdate = defineUpdate<ReturnStatus, [TravelDocumentIssued]>('travelDocumentIssued');

/** A counselling session was held (allowed until the declaration is signed; its content stays in PostgreSQL). */
export const counsellingHeldUpdate = defineUpdate<ReturnStatus, [StaffStep]>('counsellingHeld');

/** The returnee signed the voluntary-return declaration: from now on partners may be asked. */
export const declarationSignedUpdate = defineUpdate<ReturnStatus, [StaffStep]>('declarationSigned');

/** The returnee withdrew: whatever was requested is cancelled and the case closes. Allowed before departure. */
export const withdrawUpdate = defineUpdate<ReturnStatus, [StaffStep]>('withdraw');

/** A step a vulnerability requires before booking was done (the details stay in PostgreSQL). */
export interface TravelCheckRecorded extends StaffStep {
  check: TravelCheck;
}
export const travelCheckRecordedUpdate = defineUpdate<ReturnStatus, [TravelCheckRecorded]>('travelCheckRecorded');

/** The case worker chose the flights; `escorted` says an escort was named to travel on them too. */
export interface FlightsChosen extends StaffStep {
  segments: FlightSegment[];
  escorted: boolean;
}
export const flightsChosenUpdate = defineUpdate<ReturnStatus, [FlightsChosen]>('flightsChosen');

/** After an e-mailed booking request: the itinerary the agency sent back, as staff recorded it. */
export interface ItineraryRecorded extends StaffStep {
  itinerary: Itinerary;
}
export const itineraryRecordedUpdate = defineUpdate<ReturnStatus, [ItineraryRecorded]>('itineraryRecorded');

/** Temporary accommodation before departure, from and until (YYYY-MM-DD). */
export interface AccommodationArranged extends StaffStep {
  from: string;
  until: string;
}
export const accommodationArrangedUpdate = defineUpdate<ReturnStatus, [AccommodationArranged]>('accommodationArranged');

export const REBOOKING_REASONS = ['schedule-change', 'missed-flight'] as const;
export type RebookingReason = (typeof REBOOKING_REASONS)[number];

/** New flights replace the booked ones, before departure. */
export interface RebookingRequested extends FlightsChosen {
  reason: RebookingReason;
}
export const rebookingRequestedUpdate = defineUpdate<ReturnStatus, [RebookingRequested]>('rebookingRequested');

/** The departure team confirmed the travellers left (and were handed their return allowance). */
export const departureConfirmedUpdate = defineUpdate<ReturnStatus, [StaffStep]>('departureConfirmed');

/** A transit airport's team confirmed the travellers made their connection there (IATA code). */
export interface TransitConfirmed extends StaffStep {
  airport: string;
}
export const transitConfirmedUpdate = defineUpdate<ReturnStatus, [TransitConfirmed]>('transitConfirmed');

/** The mission confirmed the travellers came through immigration and customs. */
export const arrivalConfirmedUpdate = defineUpdate<ReturnStatus, [StaffStep]>('arrivalConfirmed');

/** The mission confirmed the travellers reached their final destination. */
export const onwardTravelConfirmedUpdate = defineUpdate<ReturnStatus, [StaffStep]>('onwardTravelConfirmed');

/** The mission's reintegration plan was recorded (its items and budget stay in PostgreSQL). */
export const planSubmittedUpdate = defineUpdate<ReturnStatus, [StaffStep]>('planSubmitted');
/** A supervisor approved the plan: disbursements may be requested within its budget. */
export const planApprovedUpdate = defineUpdate<ReturnStatus, [StaffStep]>('planApproved');

export interface TrancheStep extends StaffStep {
  tranche: number;
}
export interface DisbursementRequested extends TrancheStep {
  method: DisbursementMethod;
}
export const disbursementRequestedUpdate = defineUpdate<ReturnStatus, [DisbursementRequested]>('disbursementRequested');
/** A finance officer other than the requester approved the tranche: it is paid. */
export const disbursementApprovedUpdate = defineUpdate<ReturnStatus, [TrancheStep]>('disbursementApproved');
/** Finance declined a requested tranche, or staff withdrew the request: its amount is back in the budget. */
export const disbursementCancelledUpdate = defineUpdate<ReturnStatus, [TrancheStep]>('disbursementCancelled');
/** The handover certificate (voucher) or the invoice (vendor payment) closes the tranche. */
export const handoverRecordedUpdate = defineUpdate<ReturnStatus, [TrancheStep]>('handoverRecorded');

export interface VisitRecorded extends StaffStep {
  followUp: number;
  /** YYYY-MM-DD; absent in steps recorded before it was sent. */
  visitedOn?: string;
}
export const visitRecordedUpdate = defineUpdate<ReturnStatus, [VisitRecorded]>('visitRecorded');

export interface CaseClosed extends StaffStep {
  outcome: ClosureOutcome;
}
/** A supervisor closes the case: after the last follow-up, or earlier with its outcome. */
export const caseClosedUpdate = defineUpdate<ReturnStatus, [CaseClosed]>('caseClosed');

/** The workflow's signature, so that the API starts it by name without importing workflow code. */
export type ReturnWorkflow = (input: ReturnWorkflowInput) => Promise<ReturnStatus>;
