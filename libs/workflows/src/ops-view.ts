import { patched, setCurrentDetails, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import {
  DueAtAttribute,
  FailingStepAttribute,
  OverdueAttribute,
  stepFailingSignal,
  WaitingOnAttribute,
  type CaseOpsEntry,
  type ReturnStatus,
  type ReturnWorkflowInput,
  type StepFailing,
  type Waiting,
} from '@avrr/contracts';
import { lookups } from './activity-proxies';
import { publishCaseStatus } from './case-status-sink';
import { registerUnstick } from './ops-controls';
import { formatLateness, stepLabel } from './ops-summaries';
import { FAILING_KEPT_WHILE_RETRIED, OPS_VIEW, UPCOMING_WAITS_ON_NO_ONE } from './versions';

/**
 * What an ops engineer finds in Temporal's visibility and UI about one return: whom it waits on, when that is
 * due, whether it is overdue, and which step keeps failing. Codes only; partner names are organisations.
 * Module state is per workflow execution (the SDK isolates module state per workflow).
 */
interface OpsState {
  input: ReturnWorkflowInput;
  /** The one-line summary of the return, repeated in the details since a continued run has no static summary. */
  summary: string;
  status: ReturnStatus | null;
  failing: StepFailing | null;
  /** The failing report the last step that settled had, should the workflow try that step again (keepFailing). */
  settled: StepFailing | null;
  attributes: { waitingOn: string | null; dueAt: string | null; overdue: boolean; failingStep: string | null };
  /** Partner names by `kind:place`, looked up once per run; null while unknown or missing. */
  names: Map<string, string | null>;
  /** This run keeps the ops view (decided by `patched(OPS_VIEW)` at its first publish). */
  enabled: boolean;
}

let ops: OpsState | null = null;

/** Called as the return's run starts (by the workflow interceptor): the run's input and the failing-step signal. */
export function startOpsView(input: ReturnWorkflowInput): void {
  const { caseRef, destinationCountry, policy } = input;
  ops = {
    input,
    summary: `Return ${caseRef} to ${destinationCountry}, ${policy.programmeCode} policy v${policy.version}`,
    status: null,
    failing: null,
    settled: null,
    // A continued run carries its predecessor's attributes: the first publish upserts what differs.
    attributes: { waitingOn: '?', dueAt: '?', overdue: false, failingStep: '?' },
    names: new Map(),
    enabled: false,
  };
  registerUnstick(
    () => ops?.status ?? null,
    () => ops?.enabled === true,
    () => waitingOn(ops?.status?.waitingFor ?? null),
  );
  setHandler(stepFailingSignal, (report) => {
    if (!ops) return;
    ops.failing = report;
    render();
  });
}

/** The case's state changed (stage, what it waits for, reminders): attributes and details follow. */
export function showOpsView(status: ReturnStatus): void {
  if (!ops) {
    setCurrentDetails(`**${status.stage}** since ${status.stageSince}`);
    publishCaseStatus(status, null);
    return;
  }
  ops.status = status;
  render();
}

/** An activity of this type completed (or failed for good): it no longer keeps failing. */
export function stepSettled(activityType: string): void {
  if (ops?.failing?.step !== activityType) return;
  ops.settled = ops.failing;
  ops.failing = null;
  render();
}

/**
 * The step that just failed for good is tried again at once (a withdrawal's cancellation while its partner is down):
 * it keeps failing, so the return stays in the failing list rather than leaving it until the new tries report.
 */
export function keepFailing(activityType: string): void {
  if (!ops || ops.settled?.step !== activityType || !patched(FAILING_KEPT_WHILE_RETRIED)) return;
  ops.failing = ops.settled;
  render();
}

/** `consulate:PK`, `airport-assistance:OTP`, or `staff` when the case waits on its own people. */
export function waitingOn(waiting: Waiting | null): string | null {
  if (!waiting) return null;
  if (!waiting.partner) return 'staff';
  return `${waiting.partner}:${placeOf(waiting)}`;
}

export function currentOps(): { input: ReturnWorkflowInput; status: ReturnStatus | null } | null {
  return ops && { input: ops.input, status: ops.status };
}

function placeOf(waiting: Waiting): string {
  if (waiting.place) return waiting.place;
  return waiting.partner === 'travel-agency' ? ops!.input.policy.travel.agencyCode : ops!.input.destinationCountry;
}

function render(): void {
  const state = ops!;
  setCurrentDetails(details(state));
  const shown = state.status?.stage === 'closed' ? null : (state.status?.waitingFor ?? null);
  // A partner not asked yet (a follow-up to come) is not waited on: ops engineers chase only what was asked.
  const waiting = shown?.askedOn && patched(UPCOMING_WAITS_ON_NO_ONE) ? null : shown;
  const entry: CaseOpsEntry = {
    waitingOn: waitingOn(waiting),
    dueAt: waiting?.dueAt ?? null,
    failingStep: state.failing && `${state.failing.step}:${state.failing.errorClass}`,
  };
  if (state.status) publishCaseStatus(state.status, entry);
  if (!patched(OPS_VIEW)) return;
  state.enabled = true;
  const next = { ...entry, overdue: Boolean(waiting?.dueAt && Date.now() >= Date.parse(waiting.dueAt)) };
  const changes: SearchAttributeUpdatePair[] = [];
  const was = state.attributes;
  if (next.waitingOn !== was.waitingOn) changes.push({ key: WaitingOnAttribute, value: next.waitingOn });
  if (next.dueAt !== was.dueAt) changes.push({ key: DueAtAttribute, value: next.dueAt ? new Date(next.dueAt) : null });
  if (next.overdue !== was.overdue || was.dueAt === '?') changes.push({ key: OverdueAttribute, value: next.overdue });
  if (next.failingStep !== was.failingStep) changes.push({ key: FailingStepAttribute, value: next.failingStep });
  state.attributes = next;
  if (changes.length) upsertSearchAttributes(changes);
  if (waiting?.partner) lookUpName(waiting);
}

function lookUpName(waiting: Waiting): void {
  const key = waitingOn(waiting)!;
  if (ops!.names.has(key)) return;
  ops!.names.set(key, null);
  void lookups
    .partnerName(waiting.partner!, placeOf(waiting))
    .catch(() => null)
    .then((name) => {
      ops!.names.set(key, name);
      setCurrentDetails(details(ops!));
    });
}

/** Temporal UI's current details: what is wrong first, then what the case waits for, then the return itself. */
function details(state: OpsState): string {
  const lines: string[] = [];
  const { failing, status } = state;
  if (failing) {
    lines.push(
      failing.errorClass === 'PartnerMissing'
        ? `**blocked**: ${failing.message}`
        : `**${stepLabel(failing.step)} failing**: ${failing.errorClass.replace(/^HTTP-/, '')}, attempt ${failing.attempt}`,
    );
  }
  const waiting = status?.waitingFor;
  if (status && status.stage !== 'closed' && waiting) {
    const on = waitingOn(waiting)!;
    const name = state.names.get(on);
    const who = waiting.partner ? ` on ${on.replace(':', ' ')}${name ? ` (${name})` : ''}` : '';
    // Rendered when the case changes (each reminder): the lateness is as of the last reminder.
    const late = waiting.dueAt ? Date.now() - Date.parse(waiting.dueAt) : -1;
    lines.push(
      `**${status.stage}**: waiting${who} for ${waiting.what} since ${waiting.since}` +
        (waiting.dueAt ? `, due ${waiting.dueAt}` : '') +
        (late >= 1000 ? `, **overdue by ${formatLateness(late)}**` : late >= 0 ? ', **overdue**' : '') +
        (waiting.remindersSent ? `, ${waiting.remindersSent} reminder(s) sent` : '') +
        (waiting.escalatedAt ? `, escalated ${waiting.escalatedAt}` : ''),
    );
  } else if (status) {
    lines.push(`**${status.stage}**${status.outcome ? ` (${status.outcome})` : ''} since ${status.stageSince}`);
  }
  lines.push(state.summary);
  return lines.join('\n\n');
}
