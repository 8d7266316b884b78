import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { PartnerKind } from './partners';
import type { ReturnStatus } from './return-workflow';

/** A step is reported failing once this many attempts in a row have failed (Temporal keeps retrying it). */
export const FAILING_AFTER_ATTEMPTS = 3;

/** What the worker reports about a step that keeps failing: codes only (failure messages carry no personal data). */
export interface StepFailing {
  /** The activity's type, e.g. `bookFlights`. */
  step: string;
  /** `HTTP-503`, an ApplicationFailure type such as `PartnerMissing`, or the error's name. */
  errorClass: string;
  attempt: number;
  message: string;
}

/** Sent by the worker's activity interceptor to the return whose activity failed its attempt. */
export const stepFailingSignal = defineSignal<[StepFailing]>('stepFailing');

/** Reads what Temporal UI's current details and the ops view name a partner by. */
export interface OpsActivities {
  /** The partner of this kind for this place, as the directory names it; null when the directory has none. */
  partnerName(kind: PartnerKind, place: string): Promise<string | null>;
}

/** What a supervisor may do for a return stuck on a partner. */
export const UNSTICK_ACTIONS = ['resend', 'extend', 'reassign'] as const;
export type UnstickAction = (typeof UNSTICK_ACTIONS)[number];

/**
 * A supervisor unsticks the partner step the return waits on: `resend` sends the partner a reminder now (the
 * request again, with its due date); `extend` moves the due date to `until`, so reminders wait for it;
 * `reassign` hands the step to the partner of the same kind at `place` (the API records the handover, which the
 * partner lookup follows): it is asked again, with a new due date. An airport team's step and a mission's are not
 * handed over: the flights and the destination fix where they are.
 */
export interface Unstick {
  recordedBy: string;
  action: UnstickAction;
  /** ISO date-time; for `extend`, later than the current due date. */
  until?: string;
  /** For `reassign`: the other partner's place code (a country, an airport, an agency code). */
  place?: string;
}
export const unstickUpdate = defineUpdate<ReturnStatus, [Unstick]>('unstick');

/** The daily digest: a Temporal Schedule starts this workflow once a day. */
export const OPS_DIGEST_WORKFLOW_TYPE = 'opsDigestWorkflow';
export const OPS_DIGEST_SCHEDULE_ID = 'ops-digest';

/** Sends each programme's supervisors their overdue and failing returns, once per day and recipient. */
export interface OpsDigestActivities {
  /** `day` is YYYY-MM-DD; answers how many e-mails went out (0 when they had gone already). */
  sendOpsDigests(day: string): Promise<number>;
}

/** How Temporal says a run stopped short: ended other than by completing or continuing as new. */
const STOPPED_SHORT = ['TERMINATED', 'FAILED', 'TIMED_OUT', 'CANCELLED', 'CANCELED'];

/** How a workflow that stopped short ended, as staff read it (its reason, where known, follows); null otherwise. */
export function stoppedShort(status: string | null | undefined): string | null {
  return status && STOPPED_SHORT.includes(status)
    ? `the return's workflow was ${status.toLowerCase().replace(/_/g, ' ')} in Temporal`
    : null;
}
