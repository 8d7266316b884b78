import { condition } from '@temporalio/workflow';
import { durationToMs, type IsoDuration, type PartnerKind, type PartnerStepPolicy } from '@avrr/contracts';
import type { CaseState } from './case-state';

export interface PartnerStep {
  /** What the case waits for, as staff read it ("travel document from the consulate"). */
  what: string;
  partner: PartnerKind;
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
  /** How long from now until `duration` after `from` (or exactly `duration` when counting from the request). */
  const until = (duration: number) =>
    step.from === undefined ? duration : Math.max(1, step.from + duration - Date.now());
  await step.request?.(dueAt);
  state.waitFor({ what: step.what, partner: step.partner, since: requestedAt, dueAt });

  const settled = () => step.answered() || step.stopped?.() === true;
  const escalation =
    step.escalation &&
    escalateWhenSilent(state, settled, step.escalation, until(durationToMs(step.escalation.after)), requestedAt);

  let done = await condition(settled, until(dueAfter));
  for (let reminder = 1; !done; reminder++) {
    await step.remind(reminder);
    state.reminded();
    done = await condition(settled, durationToMs(step.policy.reminderEvery));
  }
  await escalation;
  state.doneWaiting();
  return step.answered();
}

async function escalateWhenSilent(
  state: CaseState,
  settled: () => boolean,
  escalation: NonNullable<PartnerStep['escalation']>,
  afterMs: number,
  requestedAt: string,
): Promise<void> {
  if (await condition(settled, afterMs)) return;
  await escalation.send(requestedAt);
  state.escalated();
}
