import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { PartnerKind } from './partners';
import type { ReturnPolicy } from './policy';

export const RETURN_WORKFLOW_TYPE = 'returnWorkflow';

/** Case references are business keys chosen by the programme; they never carry a person's name. */
export const CASE_REF_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,39}$/;

export function returnWorkflowId(caseRef: string): string {
  return `return-${caseRef}`;
}

/** The stages of the journey, in order; a case ends in `travel-arrangements` (for now) or `closed`. */
export const RETURN_STAGES = ['intake', 'declaration', 'travel-document', 'travel-arrangements', 'closed'] as const;
export type ReturnStage = (typeof RETURN_STAGES)[number];

/** Why a case closed before its journey ended. */
export const CASE_OUTCOMES = ['ineligible', 'declaration-expired', 'withdrawn'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/** What starts a return: references and policy only. Personal data stays in PostgreSQL. */
export interface ReturnWorkflowInput {
  caseRef: string;
  destinationCountry: string;
  needsTravelDocument: boolean;
  policy: ReturnPolicy;
}

/** What the case currently waits for, and since when (epoch milliseconds as ISO strings). */
export interface Waiting {
  what: string;
  /** The partner asked, when a partner is asked (not for the returnee's own declaration). */
  partner?: PartnerKind;
  since: string;
  dueAt: string;
  remindersSent: number;
  /** When the silence was escalated to the programme's supervisors. */
  escalatedAt?: string;
}

export interface ReturnStatus {
  caseRef: string;
  stage: ReturnStage;
  stageSince: string;
  waitingFor: Waiting | null;
  /** Set once the case is closed. */
  outcome?: CaseOutcome;
}

export const statusQuery = defineQuery<ReturnStatus>('status');

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

/** The workflow's signature, so that the API starts it by name without importing workflow code. */
export type ReturnWorkflow = (input: ReturnWorkflowInput) => Promise<ReturnStatus>;
