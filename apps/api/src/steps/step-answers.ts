import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { preparedQuery } from '@avrr/persistence';
import type { StaffPrincipal } from '../auth/principal';
import type { ReturnView } from '../returns/return-view';

/** How long a step's first answer is kept for its repeats (the step sweeper forgets older ones). */
export const ANSWER_KEPT_FOR = '1 day';

/** A step's first answer (`step_answers`), and whose access it was answered to. */
export interface KeptAnswer {
  answer: ReturnView;
  answeredFor: string;
}

/**
 * The case's view after a step, as first answered under its key: kept a day, a repeat gets it again, though the
 * workflow has moved the case on since. Not to a user whose roles or programmes changed since: they read it afresh.
 */
export async function firstAnswer(
  manager: EntityManager,
  step: { caseRef: string; key: string; kept: KeptAnswer | null },
  user: StaffPrincipal,
  read: () => Promise<ReturnView>,
): Promise<ReturnView> {
  const access = accessOf(user);
  if (step.kept?.answeredFor === access) return step.kept.answer;
  const view = await read();
  const [first] = await preparedQuery<KeptAnswer>(
    manager,
    `INSERT INTO step_answers (case_ref, idempotency_key, answer, answered_for) VALUES ($1, $2, $3, $4)
     ON CONFLICT (case_ref, idempotency_key) DO UPDATE SET answer = step_answers.answer
     RETURNING answer, answered_for AS "answeredFor"`,
    [step.caseRef, step.key, JSON.stringify(view), access],
  );
  return first?.answeredFor === access ? first.answer : view;
}

/** The roles and programmes a view is masked and scoped by, as a digest. */
function accessOf(user: StaffPrincipal): string {
  const programmes = user.programmes === null ? null : [...user.programmes].sort();
  return createHash('sha256')
    .update(JSON.stringify([user.id, [...user.roles].sort(), programmes]))
    .digest('hex');
}
