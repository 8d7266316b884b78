import { condition } from '@temporalio/workflow';
import { durationToMs, type PartnerKind, type PartnerStepPolicy } from '@avrr/contracts';
import type { CaseState } from './case-state';

export interface PartnerStep {
  /** What the case waits for, as staff read it ("travel document from the consulate"). */
  what: string;
  partner: PartnerKind;
  policy: PartnerStepPolicy;
  /** Sends the request; `dueAt` is when the answer is due (ISO date-time). */
  request(dueAt: string): Promise<void>;
  remind(reminderNumber: number): Promise<void>;
  /** True once the partner's answer has been recorded. */
  answered(): boolean;
}

/**
 * The move most stages share: ask a partner, wait for the answer until it is due, then remind it at the
 * policy's interval until the answer comes.
 */
export async function awaitPartner(state: CaseState, step: PartnerStep): Promise<void> {
  const dueAfter = durationToMs(step.policy.dueAfter);
  const since = Date.now();
  const dueAt = new Date(since + dueAfter).toISOString();
  await step.request(dueAt);
  state.waitFor({ what: step.what, partner: step.partner, since: new Date(since).toISOString(), dueAt });

  let answered = await condition(step.answered, dueAfter);
  for (let reminder = 1; !answered; reminder++) {
    await step.remind(reminder);
    state.reminded();
    answered = await condition(step.answered, durationToMs(step.policy.reminderEvery));
  }
  state.doneWaiting();
}
