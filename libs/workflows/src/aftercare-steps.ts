import { condition, setHandler } from '@temporalio/workflow';
import {
  caseClosedUpdate,
  disbursementApprovedUpdate,
  disbursementRequestedUpdate,
  handoverRecordedUpdate,
  onwardTravelConfirmedUpdate,
  planApprovedUpdate,
  planSubmittedUpdate,
  statusQuery,
  visitRecordedUpdate,
  withdrawUpdate,
  type AftercareState,
  type CaseClosed,
  type ReturnStatus,
  type DisbursementRequested,
  type StaffStep,
  type TrancheStep,
  type VisitRecorded,
} from '@avrr/contracts';
import type { CaseState } from './case-state';
import { acceptOnce, notYet, onlyIn, refused } from './step-rules';

/** What the staff steps tell the aftercare loop. */
export interface AftercareSignals {
  /** Something changed: the loop looks again at what is due. */
  changed: boolean;
  /** A follow-up ended: the loop continues as new. */
  checkpoint: boolean;
  /** A supervisor closes the case. */
  closing: CaseClosed | null;
  /** The case as closed, once its closure is recorded: the closure's answer (see CLOSURE_ANSWERED_WHEN_RECORDED). */
  closed: ReturnStatus | null;
  closureAnsweredWhenRecorded: boolean;
}

const AFTERCARE_STAGES = ['reintegration', 'monitoring'] as const;

/**
 * The staff steps after arrival: each validator refuses a step the case is not ready for (a 409 with the reason,
 * nothing changed); each handler records it in `care`, which the aftercare loop acts on.
 */
export function registerAftercareSteps(state: CaseState, care: AftercareState, signals: AftercareSignals): void {
  setHandler(statusQuery, () => state.status());
  const accept = <A>(apply: (arg: A) => void) => acceptOnce<A>(state, apply, () => (signals.changed = true));
  const stages = [...AFTERCARE_STAGES];
  const tranche = (n: number) => care.tranches.find((t) => t.tranche === n);
  const eligibility = () => care.ineligibleReason && `the case has no reintegration: ${care.ineligibleReason}`;
  const closed = () => signals.closing !== null && 'the case is being closed';
  const lastFollowUpDone = () => care.visits.every((v) => v.status === 'done' || v.status === 'missed');

  // The journey's last step, sent again after the return moved on: answered as accepted if it was, never refused
  // with Temporal's words.
  setHandler(
    onwardTravelConfirmedUpdate,
    acceptOnce<StaffStep>(state, () => undefined),
    {
      validator: onlyIn(state, [], 'confirming onward travel', () => 'onward travel is already confirmed'),
    },
  );
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
        // Paid at the provider (and in the case record) a moment before the workflow hears of it.
        if (t?.status === 'approved') throw notYet(`tranche ${n} is being paid out: try again in a moment`);
        return t?.status !== 'paid' && `tranche ${n} is not paid out and open (${t?.status ?? 'no such tranche'})`;
      }),
    },
  );
  setHandler(
    visitRecordedUpdate,
    accept(({ followUp }: VisitRecorded) => {
      care.visits.find((v) => v.followUp === followUp)!.status = 'done';
      signals.checkpoint = true;
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
  const acceptClosure = accept((step: CaseClosed) => (signals.closing = step));
  setHandler(
    caseClosedUpdate,
    async (step: CaseClosed) => {
      const accepted = acceptClosure(step);
      if (!signals.closureAnsweredWhenRecorded) return accepted;
      await condition(() => signals.closed !== null);
      return signals.closed!;
    },
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
}
