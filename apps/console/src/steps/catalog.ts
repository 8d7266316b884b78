import type { ReturnView } from '../api/client';
import { enumOf } from '../api/enums';
import { isoDateTime, text } from '../forms/fields';
import { AFTERCARE_STEPS } from './aftercare-steps';
import { JOURNEY_STEPS } from './journey-steps';
import { none, PRE_DEPARTURE, STAFF, step, type StepContext, type StepDef } from './step-def';

export type { StepContext, StepDef } from './step-def';

/** Every step staff record on a return, in the order of the journey; then a withdrawal and a supervisor's unsticking. */
export const STEPS: StepDef[] = [
  ...JOURNEY_STEPS,
  ...AFTERCARE_STEPS,
  step({
    id: 'withdrawal',
    path: '/returns/{caseRef}/withdrawal',
    roles: STAFF,
    stages: PRE_DEPARTURE,
    when: (c) => !c.view.allowances.length,
    // It cancels everything booked and closes the case: never one click by mistake.
    fields: [{ name: 'returneeWithdrew', kind: 'checkbox', required: true }],
    toBody: none,
  }),
  step({
    id: 'unstick',
    path: '/returns/{caseRef}/unstick',
    roles: ['supervisor'],
    // The journey's partner requests, and after arrival the mission's plan and visits.
    stages: [...PRE_DEPARTURE, 'transit', 'arrival', 'onward-travel', 'reintegration', 'monitoring'],
    when: (c) => Boolean(c.view.waitingFor?.partner),
    fields: [
      { name: 'action', kind: 'select', options: enumOf('UnstickDto', 'action'), required: true },
      { name: 'until', kind: 'datetime' },
      { name: 'place', kind: 'text', pattern: /^[A-Z0-9]{2,10}$/, hint: 'MD' },
      { name: 'reason', kind: 'textarea', required: true },
    ],
    // Only the chosen action's own field goes: a date left from a refused extension would refuse a resend.
    toBody: (v) => {
      const action = text(v, 'action') as 'resend' | 'extend' | 'reassign';
      return {
        action,
        until: action === 'extend' && text(v, 'until') ? isoDateTime(text(v, 'until')) : undefined,
        place: action === 'reassign' ? text(v, 'place') || undefined : undefined,
        reason: text(v, 'reason'),
      };
    },
  }),
];

/** The steps this user may record on this return now: their role and the case's stage allow them. */
export function offeredSteps(context: StepContext, perTranche = false): StepDef[] {
  const stage = context.view.stage;
  return STEPS.filter(
    (s) =>
      Boolean(s.perTranche) === perTranche &&
      stage !== null &&
      s.stages.includes(stage) &&
      s.roles.some((role) => context.me.roles.includes(role)) &&
      (s.when?.(context) ?? true),
  );
}

/** The next follow-up a visit records: the number the case waits for ("monitoring visit 2 of 3"). */
export const nextFollowUp = (view: ReturnView) => /monitoring visit (\d+)/.exec(view.waitingFor?.what ?? '')?.[1] ?? '';

/** The URL a step is posted to, for this case (and tranche). */
export const stepUrl = (def: StepDef, caseRef: string, tranche?: number) =>
  def.path.replace('{caseRef}', encodeURIComponent(caseRef)).replace('{tranche}', String(tranche ?? ''));
