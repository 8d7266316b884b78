import { patched } from '@temporalio/workflow';
import type { AftercareState } from '@avrr/contracts';
import { partnerMail } from './activity-proxies';
import { remindPlan, remindVisit } from './aftercare-reminders';
import { missionStep, planTimes, visitTimes } from './aftercare-schedule';
import { openStepControl, type StepAction, type StepControl } from './ops-controls';
import { MISSION_STEPS_UNSTUCK } from './versions';

/**
 * The unstick control of the aftercare loop: open while the case waits on the mission (the plan, a visit asked of it),
 * so that a supervisor may remind it now or give it more time, as before departure (ops-controls.ts).
 */
export function missionStepControl(caseRef: string, care: AftercareState) {
  let control = null as { of: string; step: StepControl } | null;

  /**
   * `extend` moves the step's due date (its escalation and missing move with it); `resend` sends the request again
   * before it is due, else a reminder now. A handover is refused before it comes (the mission is the country's).
   */
  async function apply(action: StepAction): Promise<void> {
    const awaited = missionStep(care);
    if (!awaited || action.kind === 'reassign' || !patched(MISSION_STEPS_UNSTUCK)) return;
    const plan = 'plan' in awaited;
    const iso = (ms: number) => new Date(ms).toISOString();
    if (action.kind === 'extend') {
      if (plan) care.planExtendedTo = iso(action.dueAt);
      else awaited.visit.extendedTo = iso(action.dueAt);
      return;
    }
    const { due } = plan ? planTimes(care) : visitTimes(care, awaited.visit);
    if (Date.now() < due) {
      if (plan) await partnerMail.requestPlan(caseRef, iso(due));
      else await partnerMail.requestVisit(caseRef, awaited.visit.followUp, iso(due));
    } else if (plan) await remindPlan(caseRef, care);
    else await remindVisit(caseRef, awaited.visit);
  }

  return {
    /** True while a supervisor's action waits for the loop. */
    pending: () => control?.step.pending() === true,
    /** Applies the actions taken since the loop last looked. */
    async act(): Promise<void> {
      for (let action; (action = control?.step.take() ?? null);) await apply(action);
    },
    /** Keeps the control open on the mission's step the case waits on now, and only then. */
    follow(): void {
      const awaited = missionStep(care);
      const of = awaited === null ? null : 'plan' in awaited ? 'plan' : `visit ${awaited.visit.followUp}`;
      if (control?.of === of) return;
      control?.step.close();
      // A visit waits no later than the next follow-up, which could not be recorded before it.
      const next = awaited && 'visit' in awaited && care.visits.find((v) => v.followUp === awaited.visit.followUp + 1);
      const upTo = next ? Date.parse(next.dueAt) : undefined;
      control = of === null ? null : { of, step: openStepControl({ extendsUpTo: upTo }) };
    },
  };
}
