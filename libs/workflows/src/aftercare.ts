import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  caseClosedUpdate,
  disbursementApprovedUpdate,
  disbursementRequestedUpdate,
  durationToMs,
  handoverRecordedUpdate,
  planApprovedUpdate,
  planSubmittedUpdate,
  statusQuery,
  visitRecordedUpdate,
  withdrawUpdate,
  type AftercareState,
  type CaseClosed,
  type DisbursementRequested,
  type ReturnPolicy,
  type ReturnStatus,
  type ReturnWorkflow,
  type ReturnWorkflowInput,
  type StaffStep,
  type TrancheStep,
  type VisitRecorded,
  type VisitState,
  type Waiting,
} from '@avrr/contracts';
import { caseRecords, partnerMail, payments } from './activity-proxies';
import { CaseState } from './case-state';
import { onlyIn, refused } from './step-rules';

const AFTERCARE_STAGES = ['reintegration', 'monitoring'] as const;

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
  const rules = care.policy;
  const state = new CaseState(caseRef, care.stage);
  let changed = false;
  let checkpoint = false;
  const closing: { step: CaseClosed | null } = { step: null };
  const ms = durationToMs;

  setHandler(statusQuery, () => state.status());
  const accept =
    <A>(apply: (arg: A) => void) =>
    (arg: A): ReturnStatus => {
      apply(arg);
      changed = true;
      return state.status();
    };
  const stages = [...AFTERCARE_STAGES];
  const tranche = (n: number) => care.tranches.find((t) => t.tranche === n);
  const eligibility = () => care.ineligibleReason && `the case has no reintegration: ${care.ineligibleReason}`;
  const closed = () => closing.step !== null && 'the case is being closed';
  const lastFollowUpDone = () => care.visits.every((v) => v.status === 'done' || v.status === 'missed');

  setHandler(withdrawUpdate, (_step: StaffStep) => state.status(), {
    validator: (_step: StaffStep) => {
      throw refused('the returnee has departed: a withdrawal is possible only before departure');
    },
  });
  setHandler(
    planSubmittedUpdate,
    accept(() => (care.plan = 'submitted')),
    {
      validator: onlyIn(
        state,
        stages,
        'a reintegration plan',
        () => closed() || eligibility() || (care.plan === 'approved' && 'the plan is already approved'),
      ),
    },
  );
  setHandler(
    planApprovedUpdate,
    accept(() => (care.plan = 'approved')),
    {
      validator: onlyIn(
        state,
        stages,
        'approving the plan',
        () =>
          closed() ||
          eligibility() ||
          (care.plan === 'awaited' && 'no plan has been recorded') ||
          (care.plan === 'approved' && 'the plan is already approved'),
      ),
    },
  );
  setHandler(
    disbursementRequestedUpdate,
    accept(({ tranche: n, method }: DisbursementRequested) =>
      care.tranches.push({ tranche: n, method, status: 'requested' }),
    ),
    {
      validator: onlyIn(state, stages, 'a disbursement', ({ tranche: n }: DisbursementRequested) => {
        if (closed() || eligibility()) return closed() || eligibility();
        if (care.plan !== 'approved') return 'the reintegration plan must be approved before any disbursement';
        return n !== care.tranches.length + 1 && `the next tranche is ${care.tranches.length + 1}, not ${n}`;
      }),
    },
  );
  setHandler(
    disbursementApprovedUpdate,
    accept(({ tranche: n }: TrancheStep) => (tranche(n)!.status = 'approved')),
    {
      validator: onlyIn(state, stages, 'approving a disbursement', ({ tranche: n }: TrancheStep) => {
        const t = tranche(n);
        return closed() || (t?.status !== 'requested' && `tranche ${n} is not waiting for approval`);
      }),
    },
  );
  setHandler(
    handoverRecordedUpdate,
    accept(({ tranche: n }: TrancheStep) => (tranche(n)!.status = 'closed')),
    {
      validator: onlyIn(state, stages, 'a handover certificate or invoice', ({ tranche: n }: TrancheStep) => {
        const t = tranche(n);
        return t?.status !== 'paid' && `tranche ${n} is not paid out and open (${t?.status ?? 'no such tranche'})`;
      }),
    },
  );
  setHandler(
    visitRecordedUpdate,
    accept(({ followUp }: VisitRecorded) => {
      care.visits.find((v) => v.followUp === followUp)!.status = 'done';
      checkpoint = true;
    }),
    {
      validator: onlyIn(state, stages, 'a monitoring visit', ({ followUp }: VisitRecorded) => {
        const next = care.visits.find((v) => v.status === 'scheduled' || v.status === 'requested');
        if (closed()) return closed();
        if (!next) return 'every follow-up is already recorded';
        return next.followUp !== followUp && `the next follow-up is number ${next.followUp}, not ${followUp}`;
      }),
    },
  );
  setHandler(
    caseClosedUpdate,
    accept((step: CaseClosed) => (closing.step = step)),
    {
      validator: onlyIn(
        state,
        stages,
        'closing the case',
        ({ outcome }: CaseClosed) =>
          closed() ||
          (outcome === 'completed' &&
            !lastFollowUpDone() &&
            'a case is completed after its last follow-up; before it, close it as lost-contact, re-migrated or deceased'),
      ),
    },
  );

  for (;;) {
    changed = false;
    if (closing.step) {
      await settleTranches();
      return state.close(closing.step.outcome, `closed by a supervisor (${closing.step.outcome})`);
    }
    await doWhatIsDue(Date.now());
    state.show(waiting());
    if (checkpoint || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      if (!closing.step) {
        const stage = state.currentStage === 'monitoring' ? 'monitoring' : 'reintegration';
        return continueAsNew<ReturnWorkflow>({ ...input, aftercare: { ...care, stage } });
      }
      continue;
    }
    const next = nextDeadline();
    if (next === null) await condition(() => changed);
    else await condition(() => changed, Math.max(1, next - Date.now()));
  }

  async function doWhatIsDue(now: number): Promise<void> {
    if (!care.ineligibleReason && care.plan === 'awaited') {
      const arrived = Date.parse(care.arrivedAt);
      if (now >= arrived + ms(rules.plan.dueAfter) + care.planRemindersSent * ms(rules.plan.reminderEvery)) {
        await partnerMail.remindPlan(caseRef, care.planRemindersSent + 1);
        care.planRemindersSent += 1;
      }
      if (!care.planEscalated && now >= arrived + ms(rules.plan.escalateAfter)) {
        await partnerMail.escalatePlan(caseRef, policy.escalationContacts, care.arrivedAt);
        care.planEscalated = true;
      }
    }
    for (const t of care.tranches) {
      if (t.status === 'approved') {
        const { expiresAt } = await payments.disburse(caseRef, t.tranche);
        t.status = 'paid';
        t.expiresAt = expiresAt;
      }
      if (t.status === 'paid' && t.expiresAt && !t.redeemed && now >= Date.parse(t.expiresAt)) {
        if ((await payments.expireVoucher(caseRef, t.tranche, 'expired')) === 'expired') t.status = 'expired';
        else t.redeemed = true;
      }
    }
    const { visit, missedAfter } = rules.monitoring;
    for (const v of care.visits) {
      const due = Date.parse(v.dueAt);
      if (v.status === 'scheduled' && now >= due) {
        if (state.currentStage !== 'monitoring') await state.enter('monitoring');
        await partnerMail.requestVisit(caseRef, v.followUp, new Date(due + ms(visit.dueAfter)).toISOString());
        v.status = 'requested';
      }
      if (v.status !== 'requested') continue;
      if (now >= due + ms(missedAfter)) {
        await caseRecords.recordMissedVisit(caseRef, v.followUp, v.dueAt);
        v.status = 'missed';
        checkpoint = true;
        continue;
      }
      if (now >= due + ms(visit.dueAfter) + v.remindersSent * ms(visit.reminderEvery)) {
        await partnerMail.remindVisit(caseRef, v.followUp, v.remindersSent + 1);
        v.remindersSent += 1;
      }
      if (!v.escalated && now >= due + ms(visit.escalateAfter)) {
        await partnerMail.escalateVisit(caseRef, v.followUp, policy.escalationContacts, v.dueAt);
        v.escalated = true;
      }
    }
  }

  /** The earliest moment something becomes due; null when only a staff step can move the case. */
  function nextDeadline(): number | null {
    const times: number[] = [];
    if (!care.ineligibleReason && care.plan === 'awaited') {
      const arrived = Date.parse(care.arrivedAt);
      times.push(arrived + ms(rules.plan.dueAfter) + care.planRemindersSent * ms(rules.plan.reminderEvery));
      if (!care.planEscalated) times.push(arrived + ms(rules.plan.escalateAfter));
    }
    for (const t of care.tranches) {
      if (t.status === 'paid' && t.expiresAt && !t.redeemed) times.push(Date.parse(t.expiresAt));
    }
    const { visit, missedAfter } = rules.monitoring;
    for (const v of care.visits) {
      const due = Date.parse(v.dueAt);
      if (v.status === 'scheduled') times.push(due);
      if (v.status !== 'requested') continue;
      times.push(due + ms(missedAfter), due + ms(visit.dueAfter) + v.remindersSent * ms(visit.reminderEvery));
      if (!v.escalated) times.push(due + ms(visit.escalateAfter));
    }
    return times.length ? Math.min(...times) : null;
  }

  /** What staff see the case waiting for: the plan, the next visit, or its closure. */
  function waiting(): Waiting | null {
    if (!care.ineligibleReason && care.plan !== 'approved') {
      const arrived = Date.parse(care.arrivedAt);
      return care.plan === 'awaited'
        ? {
            what: 'reintegration plan from the mission',
            partner: 'mission',
            since: care.arrivedAt,
            dueAt: new Date(arrived + ms(rules.plan.dueAfter)).toISOString(),
            remindersSent: care.planRemindersSent,
            ...(care.planEscalated && { escalatedAt: new Date(arrived + ms(rules.plan.escalateAfter)).toISOString() }),
          }
        : { what: "a supervisor's approval of the reintegration plan", since: care.arrivedAt, remindersSent: 0 };
    }
    const next = care.visits.find((v) => v.status === 'scheduled' || v.status === 'requested');
    if (next) return visitWaiting(next);
    return { what: 'closure by a supervisor', since: care.visits.at(-1)?.dueAt ?? care.arrivedAt, remindersSent: 0 };
  }

  function visitWaiting(v: VisitState): Waiting {
    const due = Date.parse(v.dueAt);
    return {
      what: `monitoring visit ${v.followUp} of ${care.visits.length} from the mission`,
      partner: 'mission',
      since: v.dueAt,
      dueAt: new Date(due + ms(rules.monitoring.visit.dueAfter)).toISOString(),
      remindersSent: v.remindersSent,
      ...(v.escalated && { escalatedAt: new Date(due + ms(rules.monitoring.visit.escalateAfter)).toISOString() }),
    };
  }

  /** At closure: unpaid tranches are cancelled and unredeemed vouchers voided, so no money moves after it. */
  async function settleTranches(): Promise<void> {
    for (const t of care.tranches) {
      if (t.status === 'requested' || t.status === 'approved') {
        await payments.cancelDisbursement(caseRef, t.tranche);
        t.status = 'cancelled';
      } else if (t.status === 'paid' && t.expiresAt && !t.redeemed) {
        if ((await payments.expireVoucher(caseRef, t.tranche, 'case-closed')) === 'expired') t.status = 'cancelled';
      }
    }
  }
}
