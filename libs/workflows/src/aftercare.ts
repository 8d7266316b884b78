import { allHandlersFinished, condition, continueAsNew, patched, workflowInfo } from '@temporalio/workflow';
import {
  durationToMs,
  type AftercareState,
  type ReturnPolicy,
  type ReturnStatus,
  type ReturnWorkflow,
  type ReturnWorkflowInput,
  type TrancheState,
} from '@avrr/contracts';
import { failureClass, partnerRefusal } from './partner-calls';
import {
  CLOSING_SHOWN,
  CLOSURE_ANSWERED_WHEN_RECORDED,
  CLOSURE_TOLD_TO_MISSION,
  MISSED_VISIT_TOLD,
  ONE_TRUTH,
  PAYMENTS_BESIDE_THE_LOOP,
  VOID_REFUSAL_CLOSES,
} from './versions';
import { caseRecords, partnerMail, payments } from './activity-proxies';
import { nextDeadline, planAwaited, planTimes, visitTimes, waiting } from './aftercare-schedule';
import { registerAftercareSteps, type AftercareSignals } from './aftercare-steps';
import { CaseState } from './case-state';
import { remindPlan, remindVisit } from './aftercare-reminders';
import { missionStepControl } from './aftercare-unstick';

/**
 * At arrival at the final destination: decides whether the case has reintegration (a mission in the country and a
 * programme that funds it), asks the mission for the plan, and schedules the follow-ups from the arrival date.
 * The return then continues as new with this state, leaving the journey's history behind.
 */
export async function beginAftercare(caseRef: string, policy: ReturnPolicy, state: CaseState, destination: string) {
  const reintegration = await caseRecords.reintegrationPolicy(caseRef);
  const arrived = Date.now();
  const ineligibleReason = !reintegration.funded
    ? `programme ${policy.programmeCode} (policy v${policy.version}) does not fund reintegration`
    : !policy.missionCountries.includes(destination)
      ? `no IOM mission in ${destination} under programme ${policy.programmeCode} (policy v${policy.version})`
      : null;
  const care: AftercareState = {
    arrivedAt: new Date(arrived).toISOString(),
    stage: ineligibleReason ? 'monitoring' : 'reintegration',
    policy: reintegration,
    ineligibleReason,
    plan: 'awaited',
    planRemindersSent: 0,
    planEscalated: false,
    tranches: [],
    visits: reintegration.monitoring.offsets.map((offset, i) => ({
      followUp: i + 1,
      dueAt: new Date(arrived + durationToMs(offset)).toISOString(),
      status: 'scheduled',
      remindersSent: 0,
      escalated: false,
    })),
  };
  await state.enter(care.stage);
  if (ineligibleReason) {
    await caseRecords.recordEvent(caseRef, 'reintegration-not-eligible', `No reintegration: ${ineligibleReason}`);
  } else {
    const dueAt = new Date(arrived + durationToMs(reintegration.plan.dueAfter)).toISOString();
    await partnerMail.requestPlan(caseRef, dueAt);
  }
  return care;
}

/**
 * Reintegration and monitoring, for months: one loop that does what is due (reminders, payments, voucher
 * expiries, follow-up requests, missed visits), then sleeps until the next deadline or a staff step. All it knows
 * is in `care`, so the return continues as new after each follow-up (or when Temporal suggests it) and its
 * history stays small over a year of waiting.
 */
export async function aftercare(input: ReturnWorkflowInput, care: AftercareState): Promise<ReturnStatus> {
  const { caseRef, policy } = input;
  const state = new CaseState(caseRef, care.stage, care.acceptedSteps);

  const signals: AftercareSignals = {
    changed: false,
    checkpoint: false,
    closing: null,
    closed: null,
    closureAnsweredWhenRecorded: patched(CLOSURE_ANSWERED_WHEN_RECORDED),
  };
  registerAftercareSteps(state, care, signals);
  /** Tranches being paid beside the loop, so a payment provider that is down holds up no follow-up or reminder. */
  const paying = new Set<number>();
  const paysBeside = patched(PAYMENTS_BESIDE_THE_LOOP);
  let paymentFailed = null as { error: unknown } | null;

  /**
   * The deadline the loop last slept until, once its timer fired. What is due is judged at that deadline at the
   * earliest: a worker that restarted has been seen to run the task after a timer with the clock of the run's first
   * task, and a decision taken on that clock would not replay.
   */
  let wokeAt = 0;
  const unstick = missionStepControl(caseRef, care);
  for (;;) {
    signals.changed = false;
    await unstick.act();
    if (signals.closing) {
      // No money moves after the closure: a payment under way is settled before the tranches are.
      if (paying.size) await condition(() => paying.size === 0);
      // The case says it is closing while the provider voids its vouchers (it may be down for a while).
      const voids = care.tranches.some((t) => t.status === 'paid' && t.expiresAt && !t.redeemed);
      if (voids && patched(CLOSING_SHOWN)) {
        state.waitFor({
          what: 'the payment provider to void the unredeemed vouchers: the case closes then',
          since: new Date().toISOString(),
        });
      }
      await settleTranches();
      const owed = { plan: planAwaited(care), visits: care.visits.filter((v) => v.status === 'requested') };
      if ((owed.plan || owed.visits.length) && patched(CLOSURE_TOLD_TO_MISSION)) {
        const visits = owed.visits.map((v) => v.followUp);
        await partnerMail.tellClosed(caseRef, signals.closing.outcome, { plan: owed.plan, visits });
      }
      signals.closed = await state.close(
        signals.closing.outcome,
        `closed by a supervisor (${signals.closing.outcome})`,
      );
      if (signals.closureAnsweredWhenRecorded) await condition(allHandlersFinished);
      return signals.closed;
    }
    await doWhatIsDue(Math.max(Date.now(), wokeAt));
    if (paymentFailed) throw paymentFailed.error;
    state.show(waiting(care));
    unstick.follow();
    if ((signals.checkpoint || workflowInfo().continueAsNewSuggested) && paying.size === 0 && !unstick.pending()) {
      await condition(allHandlersFinished);
      if (!signals.closing) {
        const stage = state.currentStage === 'monitoring' ? 'monitoring' : 'reintegration';
        return continueAsNew<ReturnWorkflow>({
          ...input,
          aftercare: { ...care, stage, acceptedSteps: state.acceptedSteps },
        });
      }
      continue;
    }
    const next = nextDeadline(care);
    if (next === null) await condition(() => signals.changed || unstick.pending());
    else if (!(await condition(() => signals.changed || unstick.pending(), Math.max(1, next - Date.now()))))
      wokeAt = next;
  }

  async function doWhatIsDue(now: number): Promise<void> {
    if (planAwaited(care)) {
      const plan = planTimes(care);
      if (now >= plan.nextReminder) {
        await remindPlan(caseRef, care);
      }
      if (!care.planEscalated && now >= plan.escalation) {
        await partnerMail.escalatePlan(caseRef, policy.escalationContacts, care.arrivedAt);
        care.planEscalated = true;
        care.planEscalatedAt = new Date().toISOString();
      }
    }
    for (const t of care.tranches) {
      // Once a closure is accepted no money moves: the closure settles the tranches.
      if (signals.closing && patched(ONE_TRUTH)) break;
      if (t.status === 'approved' && !paysBeside) await pay(t);
      else if (t.status === 'approved' && !paying.has(t.tranche)) payBeside(t);
      if (t.status === 'paid' && t.expiresAt && !t.redeemed && now >= Date.parse(t.expiresAt)) await expire(t);
    }
    for (const v of care.visits) {
      const visit = visitTimes(care, v);
      if (v.status === 'scheduled' && now >= visit.followUp) {
        if (state.currentStage !== 'monitoring') await state.enter('monitoring');
        await partnerMail.requestVisit(caseRef, v.followUp, new Date(visit.due).toISOString());
        // Staff may have recorded the visit while its request went out.
        if (v.status === 'scheduled' || !patched(ONE_TRUTH)) v.status = 'requested';
      }
      if (v.status !== 'requested') continue;
      if (now >= visit.missed) {
        await caseRecords.recordMissedVisit(caseRef, v.followUp, v.dueAt);
        // Asked only here, so only histories with a missed visit carry the marker.
        if (patched(MISSED_VISIT_TOLD)) await partnerMail.tellVisitMissed(caseRef, v.followUp, v.dueAt);
        if (v.status === 'requested' || !patched(ONE_TRUTH)) v.status = 'missed';
        signals.checkpoint = true;
        continue;
      }
      if (now >= visit.nextReminder) {
        await remindVisit(caseRef, v);
      }
      if (!v.escalated && now >= visit.escalation) {
        await partnerMail.escalateVisit(caseRef, v.followUp, policy.escalationContacts, v.dueAt);
        v.escalated = true;
        v.escalatedAt = new Date().toISOString();
      }
    }
  }

  /** Pays an approved tranche; the provider's refusal cancels it (its amount back in the budget) for staff to redo. */
  async function pay(t: TrancheState): Promise<void> {
    try {
      const { expiresAt } = await payments.disburse(caseRef, t.tranche);
      t.status = 'paid';
      t.expiresAt = expiresAt;
    } catch (error) {
      const refusal = partnerRefusal(error);
      if (!refusal || !patched(ONE_TRUTH)) throw error;
      await payments.cancelDisbursement(caseRef, t.tranche, refusal.message);
      t.status = 'cancelled';
    }
  }

  /** Pays a tranche while the loop goes on; the loop looks again once it is paid or cancelled. */
  function payBeside(t: TrancheState): void {
    paying.add(t.tranche);
    void pay(t)
      .catch((error: unknown) => (paymentFailed = { error }))
      .finally(() => {
        paying.delete(t.tranche);
        signals.changed = true;
      });
  }

  /** Voids a voucher left unredeemed at its expiry; a handover staff recorded meanwhile stands. */
  async function expire(t: TrancheState): Promise<void> {
    const result = (await voidVoucher(t, 'expired', ONE_TRUTH)) ?? 'redeemed';
    if (result === 'redeemed') t.redeemed = true;
    else if (t.status === 'paid' || !patched(ONE_TRUTH)) t.status = 'expired';
  }

  /** At closure: unpaid tranches are cancelled and unredeemed vouchers voided, so no money moves after it. */
  async function settleTranches(): Promise<void> {
    for (const t of care.tranches) {
      if (t.status === 'requested' || t.status === 'approved') {
        await payments.cancelDisbursement(caseRef, t.tranche);
        t.status = 'cancelled';
      } else if (t.status === 'paid' && t.expiresAt && !t.redeemed) {
        // Refused by the provider, the case still closes (a partner's answer never breaks a return).
        if ((await voidVoucher(t, 'case-closed', VOID_REFUSAL_CLOSES)) === 'expired') t.status = 'cancelled';
      }
    }
  }

  /**
   * Voids a tranche's voucher at the provider. Its refusal is recorded for finance to check with the provider, and
   * answered null, once the patch that brought this path (`since`) applies; before it, the refusal failed the run.
   */
  async function voidVoucher(
    t: TrancheState,
    why: 'expired' | 'case-closed',
    since: string,
  ): Promise<'expired' | 'redeemed' | null> {
    try {
      return await payments.expireVoucher(caseRef, t.tranche, why);
    } catch (error) {
      if (!partnerRefusal(error) || !patched(since)) throw error;
      const voucher = why === 'expired' ? 'the expired voucher' : 'the voucher at closure';
      await caseRecords.recordEvent(
        caseRef,
        'voucher-void-refused',
        `Tranche ${t.tranche}: the payment provider refused to void ${voucher} (${failureClass(error)}); check it with the provider`,
      );
      return null;
    }
  }
}
