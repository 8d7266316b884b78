import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { PartnerKind } from './partners';
import type { ReturnPolicy } from './policy';

export const RETURN_WORKFLOW_TYPE = 'returnWorkflow';

/** Case references are business keys chosen by the programme; they never carry a person's name. */
export const CASE_REF_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,39}$/;

export function returnWorkflowId(caseRef: string): string {
  return `return-${caseRef}`;
}

/** The stages of the journey, in order. */
export const RETURN_STAGES = ['intake', 'travel-document', 'travel-arrangements'] as const;
export type ReturnStage = (typeof RETURN_STAGES)[number];

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
  partner: PartnerKind;
  since: string;
  dueAt: string;
  remindersSent: number;
}

export interface ReturnStatus {
  caseRef: string;
  stage: ReturnStage;
  stageSince: string;
  waitingFor: Waiting | null;
}

export const statusQuery = defineQuery<ReturnStatus>('status');

/** Staff record that the consulate issued the travel document; `recordedBy` is the staff member's id. */
export interface TravelDocumentIssued {
  recordedBy: string;
}
export const travelDocumentIssuedUpdate = defineUpdate<ReturnStatus, [TravelDocumentIssued]>('travelDocumentIssued');

/** The workflow's signature, so that the API starts it by name without importing workflow code. */
export type ReturnWorkflow = (input: ReturnWorkflowInput) => Promise<ReturnStatus>;
