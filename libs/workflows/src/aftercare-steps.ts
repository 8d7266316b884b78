import { condition, setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import {
  accommodationArrangedUpdate,
  arrivalConfirmedUpdate,
  caseClosedUpdate,
  counsellingHeldUpdate,
  declarationSignedUpdate,
  departureConfirmedUpdate,
  disbursementApprovedUpdate,
  disbursementCancelledUpdate,
  disbursementRequestedUpdate,
  flightsChosenUpdate,
  handoverRecordedUpdate,
  itineraryRecordedUpdate,
  onwardTravelConfirmedUpdate,
  planApprovedUpdate,
  planSubmittedUpdate,
  rebookingRequestedUpdate,
  statusQuery,
  transitConfirmedUpdate,
  travelCheckRecordedUpdate,
  travelDocumentIssuedUpdate,
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

/** The staff steps after arrival, as a refusal names them. */
const AFTERCARE_STEPS = [
  [planSubmittedUpdate, 'a reintegration plan'],
  [planApprovedUpdate, 'approving the plan'],
  [disbursementRequestedUpdate, 'a disbursement'],
  [disbursementApprovedUpdate, 'approving a disbursement'],
  [disbursementCancelledUpdate, 'cancelling a disbursement'],
  [handoverRecordedUpdate, 'a handover certificate or invoice'],
  [visitRecordedUpdate, 'a monitoring visit'],
  [caseClosedUpdate, 'closing the case'],
] as const;
const stepName = (update: (typeof AFTERCARE_STEPS)[number][0]) => AFTERCARE_STEPS.find(([u]) => u === update)![1];

/**
 * Before arrival, in the journey's run: the steps after arrival are refused for the stage (a 409, nothing kept, never
 * applied later). Only once the return has entered reintegration or monitoring, as it continues as new into the run
 * that takes them (registerAftercareSteps), is a step refused for now, to be sent again in a moment.
 */
export function refuseAftercareStepsBeforeArrival(state: CaseState): void {
  const stages = [...AFTERCARE_STAGES];
  for (const [update, name] of AFTERCARE_STEPS) {
    const validator = (_step: StaffStep) => {
      if (stages.includes(state.currentStage as (typeof stages)[number])) {
        throw notYet(`${name} is not allowed while the return moves on to its next stage: try again in a moment`);
      }
      throw refused(`${name} is not allowed in stage ${state.currentStage} (only in: ${stages.join(', ')})`);
    };
    setHandler(update as UpdateDefinition<ReturnStatus, [StaffStep]>, () => state.status(), { validator });
  }
}

/** The journey's steps before arrival, as a refusal after it names them. */
const JOURNEY_STEPS = [
  [counsellingHeldUpdate, 'counselling'],
  [declarationSignedUpdate, 'the declaration'],
  [travelDocumentIssuedUpdate, 'a travel document'],
  [travelCheckRecordedUpdate, 'a travel check'],
  [flightsChosenUpdate, 'choosing flights'],
  [itineraryRecordedUpdate, 'an itinerary'],
  [accommodationArrangedUpdate, 'accommodation'],
  [rebookingRequestedUpdate, 'a rebooking'],
  [departureConfirmedUpdate, 'confirming departure'],
  [transitConfirmedUpdate, 'confirming a transit'],
  [arrivalConfirmedUpdate, 'confirming arrival'],
] as const;

/**
 * After arrival, in the runs that take the steps after it: the journey's steps are refused for good (a 409, their rows
 * taken back), as the steps after arrival are before it. Without a handler, Temporal's "no handler" read as the
 * return between two runs, and a declaration sent to a returned case stayed written, "to try again", for ever. One
 * accepted before the run continued as new, sent again under its id, is answered as accepted.
 */
function refuseJourneyStepsAfterArrival(state: CaseState): void {
  for (const [update, name] of JOURNEY_STEPS) {
    setHandler(
      update as UpdateDefinition<ReturnStatus, [StaffStep]>,
      acceptOnce<StaffStep>(state, () => undefined),
      { validator: onlyIn(state, [], name, () => `${name} is a step before arrival, and the returnee has arrived`) },
    );
  }
}

/**
 * The staff steps after arrival: each validator refuses a step the case is not ready for (a 409 with the reason,
 * nothing changed); each handler records it in `care`, which the aftercare loop acts on.
 */
export function registerAftercareSteps(state: CaseState, care: AftercareState, signals: AftercareSignals): void {
  setHandler(statusQuery, () => state.status());
  refuseJourneyStepsAfterArrival(state);
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
        stepName(planSubmittedUpdate),
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
        stepName(planApprovedUpdate),
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
      validator: onlyIn(
        state,
        stages,
        stepName(disbursementRequestedUpdate),
        ({ tranche: n }: DisbursementRequested) => {
          if (closed() || eligibility()) return closed() || eligibility();
          if (care.plan !== 'approved') return 'the reintegration plan must be approved before any disbursement';
          return n !== care.tranches.length + 1 && `the next tranche is ${care.tranches.length + 1}, not ${n}`;
        },
      ),
    },
  );
  setHandler(
    disbursementApprovedUpdate,
    accept(({ tranche: n }: TrancheStep) => (tranche(n)!.status = 'approved')),
    {
      validator: onlyIn(state, stages, stepName(disbursementApprovedUpdate), ({ tranche: n }: TrancheStep) => {
        const t = tranche(n);
        return closed() || (t?.status !== 'requested' && `tranche ${n} is not waiting for approval`);
      }),
    },
  );
  setHandler(
    disbursementCancelledUpdate,
    accept(({ tranche: n }: TrancheStep) => (tranche(n)!.status = 'cancelled')),
    {
      validator: onlyIn(state, stages, stepName(disbursementCancelledUpdate), ({ tranche: n }: TrancheStep) => {
        const t = tranche(n);
        if (t?.status === 'approved') return `tranche ${n} is approved: it is being paid out`;
        return closed() || (t?.status !== 'requested' && `tranche ${n} is not waiting for approval`);
      }),
    },
  );
  setHandler(
    handoverRecordedUpdate,
    accept(({ tranche: n }: TrancheStep) => (tranche(n)!.status = 'closed')),
    {
      validator: onlyIn(state, stages, stepName(handoverRecordedUpdate), ({ tranche: n }: TrancheStep) => {
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
      validator: onlyIn(state, stages, stepName(visitRecordedUpdate), ({ followUp, visitedOn }: VisitRecorded) => {
        const next = care.visits.find((v) => v.status === 'scheduled' || v.status === 'requested');
        if (closed()) return closed();
        if (!next) return 'every follow-up is already recorded';
        if (next.followUp !== followUp) return `the next follow-up is number ${next.followUp}, not ${followUp}`;
        // A follow-up is a visit some months after arrival: recorded from its date, and dated after the arrival.
        // To the minute: it is due at the arrival's time of day, so a visit on its first day may still be early.
        const due = `${next.dueAt.slice(0, 16).replace('T', ' ')} UTC`;
        if (Date.now() < Date.parse(next.dueAt)) return `follow-up ${followUp} is due from ${due}`;
        const arrived = care.arrivedAt.slice(0, 10);
        return visitedOn !== undefined && visitedOn < arrived && `the visit is dated before the arrival (${arrived})`;
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
      validator: onlyIn(state, stages, stepName(caseClosedUpdate), ({ outcome }: CaseClosed) => {
        // No money moves after a closure: a payment under way (the provider perhaps down) is settled first. Kept
        // under the client's key, the closure is decided again until it is (docs/steps.md).
        const paying = !closed() && care.tranches.find((t) => t.status === 'approved');
        if (paying) {
          throw notYet(`tranche ${paying.tranche} is being paid out: the case closes once the payment is settled`);
        }
        return (
          closed() ||
          (outcome === 'completed' &&
            !lastFollowUpDone() &&
            'a case is completed after its last follow-up; before it, close it as lost-contact, re-migrated or deceased')
        );
      }),
    },
  );
}
