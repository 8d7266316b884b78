import { condition, patched } from '@temporalio/workflow';
import { durationToMs, type IsoDuration, type PartnerKind, type PartnerStepPolicy } from '@avrr/contracts';
import type { CaseState } from './case-state';
import { openStepControl } from './ops-controls';
import { partnerMail } from './activity-proxies';
import { sentUnlessStopped } from './partner-calls';
import {
  ANSWER_STOPS_REMINDERS,
  ESCALATION_FOLLOWS_DUE,
  HANDOVER_TOLD_TO_PREVIOUS,
  NO_REQUEST_ONCE_ANSWERED,
  REMINDERS_NUMBERED_PER_PARTNER,
  RESEND_BEFORE_DUE_REQUESTS,
} from './versions';

export interface PartnerStep {
  /** What the case waits for, as staff read it ("travel document from the consulate"). */
  what: string;
  partner: PartnerKind;
  /** Where the partner is, when not the case's country (an airport's team). */
  place?: string;
  policy: Pick<PartnerStepPolicy, 'dueAfter' | 'reminderEvery'>;
  /**
   * When the policy's durations count from (epoch milliseconds): a flight's departure for a confirmation.
   * Without it they count from the request.
   */
  from?: number;
  /** Sends the request; `dueAt` is when the answer is due. Absent when the request went out earlier. */
  request?(dueAt: string): Promise<void>;
  remind(reminderNumber: number): Promise<void>;
  /** True once the partner's answer has been recorded. */
  answered(): boolean;
  /** True once the case no longer needs the answer (the returnee withdrew, the flights changed). */
  stopped?(): boolean;
  /** Tells supervisors once, `after` the request (or `from`), when the answer has still not come. */
  escalation?: { after: IsoDuration; send(requestedAt: string): Promise<void> };
}

/**
 * The move most stages share: ask a partner, wait for the answer until it is due, then remind it at the
 * policy's interval until the answer comes, escalating once when it stays silent past the policy's limit.
 * Resolves true when answered, false when stopped.
 */
export async function awaitPartner(state: CaseState, step: PartnerStep): Promise<boolean> {
  const dueAfter = durationToMs(step.policy.dueAfter);
  const since = Date.now();
  const requestedAt = new Date(since).toISOString();
  const dueAt = new Date((step.from ?? since) + dueAfter).toISOString();
  /** How long from now until `duration` after `from`, or after the request (which may have taken a while to go out). */
  const until = (duration: number) => Math.max(1, (step.from ?? since) + duration - Date.now());
  // Each call to the partner is cancelled when the step is stopped (a withdrawal), even while it keeps failing.
  const unlessStoppedCall = (call: () => Promise<void>) => sentUnlessStopped(call, step.stopped);
  state.awaiting(step.answered);
  // Answered before it was asked (a document staff recorded as the stage began): the partner is asked nothing.
  if (step.request && step.answered() && patched(NO_REQUEST_ONCE_ANSWERED)) return true;
  if (step.request && !(await unlessStoppedCall(() => step.request!(dueAt)))) return false;
  state.waitFor({ what: step.what, partner: step.partner, place: step.place, since: requestedAt, dueAt });

  const settled = () => step.answered() || step.stopped?.() === true;
  // A reminder or an escalation is pointless once the partner answered: it stops then, as it does at a withdrawal.
  const unlessSettledCall = (call: () => Promise<void>) =>
    patched(ANSWER_STOPS_REMINDERS) ? sentUnlessStopped(call, settled) : unlessStoppedCall(call);
  const escalationClock: EscalationClock = {
    at: (step.from ?? since) + (step.escalation ? durationToMs(step.escalation.after) : 0),
    requestedAt,
  };
  const escalation =
    step.escalation &&
    escalateWhenSilent(
      state,
      settled,
      { ...step.escalation, send: (at) => unlessSettledCall(() => step.escalation!.send(at)).then(() => undefined) },
      escalationClock,
    );

  // A supervisor may send a reminder now, extend the due date or hand the step to another partner of the same kind
  // (ops-controls.ts); without them, the loop is the one it always was: wait until due, then remind.
  const control = openStepControl({ remindsFrom: step.from });
  let wait = until(dueAfter);
  let due = Date.parse(dueAt);
  for (let reminder = 1; ;) {
    const woken = await condition(() => settled() || control.pending(), wait);
    if (woken && settled()) break;
    const action = woken ? control.take() : null;
    if (action?.kind === 'extend') {
      if (step.escalation && patched(ESCALATION_FOLLOWS_DUE)) escalationClock.at += action.dueAt - due;
      due = action.dueAt;
      state.extended(new Date(due).toISOString());
      wait = Math.max(1, due - Date.now());
      continue;
    }
    if (action?.kind === 'reassign') {
      // The partner lookup follows the handover the API recorded: the request goes to the new partner.
      due = Date.now() + dueAfter;
      const newDue = new Date(due).toISOString();
      const since = new Date().toISOString();
      state.waitFor({ what: step.what, partner: step.partner, place: action.place, since, dueAt: newDue });
      if (patched(REMINDERS_NUMBERED_PER_PARTNER)) reminder = 1;
      if (step.escalation && patched(ESCALATION_FOLLOWS_DUE)) {
        Object.assign(escalationClock, { at: Date.now() + durationToMs(step.escalation.after), requestedAt: since });
      }
      const ask = step.request ? () => step.request!(newDue) : () => step.remind(reminder++);
      if (!(await unlessStoppedCall(ask))) break;
      if (patched(HANDOVER_TOLD_TO_PREVIOUS)) {
        await unlessStoppedCall(() => partnerMail.tellHandedOver(state.caseRef, step.partner, action.from));
      }
      wait = dueAfter;
      continue;
    }
    // Sent again before it is due (the partner lost it), the request goes again as it was: a reminder says overdue.
    if (action?.kind === 'resend' && Date.now() < due && step.request && patched(RESEND_BEFORE_DUE_REQUESTS)) {
      const dueAgain = new Date(due).toISOString();
      if (!(await unlessStoppedCall(() => step.request!(dueAgain)))) break;
      wait = Math.max(1, due - Date.now());
      continue;
    }
    const n = reminder++;
    if (!(await unlessSettledCall(() => step.remind(n)))) break;
    state.reminded();
    wait = Date.now() < due ? due - Date.now() : durationToMs(step.policy.reminderEvery);
  }
  control.close();
  await escalation;
  const answered = step.answered();
  state.doneWaiting(answered);
  return answered;
}

/** When a step's escalation goes out, and the request it names; an extension or a handover moves it. */
interface EscalationClock {
  at: number;
  requestedAt: string;
}

async function escalateWhenSilent(
  state: CaseState,
  settled: () => boolean,
  escalation: NonNullable<PartnerStep['escalation']>,
  clock: EscalationClock,
): Promise<void> {
  for (;;) {
    const at = clock.at;
    if (!(await condition(() => settled() || clock.at !== at, Math.max(1, at - Date.now())))) break;
    if (settled()) return;
  }
  await escalation.send(clock.requestedAt);
  state.escalated();
}
