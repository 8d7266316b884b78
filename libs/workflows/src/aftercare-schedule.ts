import { durationToMs, type AftercareState, type IsoDuration, type VisitState, type Waiting } from '@avrr/contracts';

/**
 * When the plan is due, when its next reminder goes, when it is escalated (epoch ms). A due date a supervisor moved
 * moves the escalation by as much.
 */
export function planTimes(care: AftercareState) {
  const { dueAfter, reminderEvery, escalateAfter } = care.policy.plan;
  const arrived = Date.parse(care.arrivedAt);
  const due = care.planExtendedTo ? Date.parse(care.planExtendedTo) : arrived + durationToMs(dueAfter);
  const moved = due - (arrived + durationToMs(dueAfter));
  return {
    due,
    nextReminder: nextReminder(due, care.planRemindersSent, care.planRemindedAt, reminderEvery),
    escalation: arrived + durationToMs(escalateAfter) + moved,
  };
}

/**
 * A follow-up: its date, when the visit is due, its next reminder, its escalation, when it counts as missed. A due
 * date a supervisor moved moves the escalation and the missing by as much.
 */
export function visitTimes(care: AftercareState, visit: VisitState) {
  const { visit: rules, missedAfter } = care.policy.monitoring;
  const followUp = Date.parse(visit.dueAt);
  const due = visit.extendedTo ? Date.parse(visit.extendedTo) : followUp + durationToMs(rules.dueAfter);
  const moved = due - (followUp + durationToMs(rules.dueAfter));
  return {
    followUp,
    due,
    nextReminder: nextReminder(due, visit.remindersSent, visit.remindedAt, rules.reminderEvery),
    escalation: followUp + durationToMs(rules.escalateAfter) + moved,
    missed: followUp + durationToMs(missedAfter) + moved,
  };
}

/**
 * The next reminder: an interval after the last one, and not before the due date (which a supervisor may have moved).
 * Counted from the due date in a state that does not say when the last one went (AFTERCARE_REMINDERS_SPACED): every
 * reminder missed while the worker was down then went out at once.
 */
function nextReminder(due: number, sent: number, lastAt: string | undefined, every: IsoDuration): number {
  if (!lastAt) return due + sent * durationToMs(every);
  return Math.max(due, Date.parse(lastAt) + durationToMs(every));
}

/**
 * The mission's answer the case waits on, as `waiting` shows it: the plan, or the visit asked of the mission; null
 * when it waits on no partner (a supervisor's approval, a follow-up not asked yet, the closure).
 */
export function missionStep(care: AftercareState): { plan: true } | { visit: VisitState } | null {
  if (!care.ineligibleReason && care.plan !== 'approved') return planAwaited(care) ? { plan: true } : null;
  const next = care.visits.find((v) => v.status === 'scheduled' || v.status === 'requested');
  return next?.status === 'requested' ? { visit: next } : null;
}

export const planAwaited = (care: AftercareState) => !care.ineligibleReason && care.plan === 'awaited';

/** The earliest moment something becomes due; null when only a staff step can move the case. */
export function nextDeadline(care: AftercareState): number | null {
  const times: number[] = [];
  if (planAwaited(care)) {
    const plan = planTimes(care);
    times.push(plan.nextReminder, ...(care.planEscalated ? [] : [plan.escalation]));
  }
  for (const t of care.tranches) {
    if (t.status === 'paid' && t.expiresAt && !t.redeemed) times.push(Date.parse(t.expiresAt));
  }
  for (const v of care.visits) {
    const visit = visitTimes(care, v);
    if (v.status === 'scheduled') times.push(visit.followUp);
    if (v.status === 'requested') {
      times.push(visit.missed, visit.nextReminder, ...(v.escalated ? [] : [visit.escalation]));
    }
  }
  return times.length ? Math.min(...times) : null;
}

/** What staff see the case waiting for: the plan, the next visit, or its closure. */
export function waiting(care: AftercareState): Waiting | null {
  const iso = (ms: number) => new Date(ms).toISOString();
  if (!care.ineligibleReason && care.plan !== 'approved') {
    const plan = planTimes(care);
    return care.plan === 'awaited'
      ? {
          what: 'reintegration plan from the mission',
          partner: 'mission',
          since: care.arrivedAt,
          dueAt: iso(plan.due),
          remindersSent: care.planRemindersSent,
          ...(care.planEscalated && { escalatedAt: care.planEscalatedAt ?? iso(plan.escalation) }),
        }
      : { what: "a supervisor's approval of the reintegration plan", since: care.arrivedAt, remindersSent: 0 };
  }
  const next = care.visits.find((v) => v.status === 'scheduled' || v.status === 'requested');
  if (!next) {
    return { what: 'closure by a supervisor', since: care.visits.at(-1)?.dueAt ?? care.arrivedAt, remindersSent: 0 };
  }
  const visit = visitTimes(care, next);
  const what = `monitoring visit ${next.followUp} of ${care.visits.length} from the mission`;
  // Before its follow-up's date the mission is not asked yet: the case waits for that date, since the one before.
  const upcoming = next.status === 'scheduled';
  return {
    what: upcoming ? `${what}, to be asked of it on ${next.dueAt.slice(0, 10)}` : what,
    partner: 'mission',
    ...(upcoming && { askedOn: next.dueAt }),
    since: upcoming ? (care.visits[care.visits.indexOf(next) - 1]?.dueAt ?? care.arrivedAt) : next.dueAt,
    dueAt: iso(visit.due),
    remindersSent: next.remindersSent,
    ...(next.escalated && { escalatedAt: next.escalatedAt ?? iso(visit.escalation) }),
  };
}
