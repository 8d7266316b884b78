/**
 * Changes to the workflow's commands since returns were first open in production, each behind `patched()` so a
 * return started before it replays as it was recorded. Older patches stand beside the code they guard.
 */

/**
 * A withdrawal during booking stops the journey before partners are asked, even when the booking went through
 * (it was shipped once without a patch: returns open at that deploy took the older path).
 */
export const WITHDRAWAL_DURING_BOOKING = 'withdrawal-during-booking-wins';

/**
 * One truth per return: a partner's refusal is a state of the case instead of a failed workflow; a withdrawal
 * cancels the partner call in flight; cancellations are best effort; the aftercare loop re-reads what staff recorded
 * while its activities ran.
 */
export const ONE_TRUTH = 'one-truth-per-return';

/**
 * The ops view: search attributes kept current (`WaitingOn`, `DueAt`, `Overdue`, `FailingStep`), summaries on
 * activities and timers, the partner's name looked up for the details (ops-view.ts, ops-interceptors.ts).
 */
export const OPS_VIEW = 'ops-view';

/**
 * A closure is answered once it is recorded, not as soon as it is accepted: a closure that a worker took over after
 * the workflow task timed out was answered after the loop's commands, and a replay answered it before them (the
 * history did not replay, so the closed return's status query failed). See docs/steps.md.
 */
export const CLOSURE_ANSWERED_WHEN_RECORDED = 'closure-answered-when-recorded';

/**
 * A stage is recorded by a local activity, run by the worker within the workflow task: no activity task, no extra
 * workflow task, five fewer history events per stage (`npm run bench`).
 */
export const STAGES_RECORDED_LOCALLY = 'stages-recorded-locally';

/**
 * Every case-record activity (a write to, or a read of, our own database: closure, events, missed visits, the travel
 * plan, the reintegration policy, a partner's name for the ops view) is a local activity, as stages already were.
 */
export const CASE_RECORDS_LOCALLY = 'case-records-locally';

/**
 * A booking call a withdrawal cut short may still have booked at the agency (a slow answer): the saga cancels what
 * its key booked (`cancelOrder`).
 */
export const BOOKING_CUT_SHORT_UNDONE = 'booking-cut-short-undone';

/**
 * While the agency books the chosen flights, the case waits on the travel agency (`WaitingOn`), not on staff; a
 * booking that keeps failing is found by its partner as well as by its failing step.
 */
export const BOOKING_AWAITS_AGENCY = 'booking-awaits-agency';

/**
 * A withdrawal shows at once: the case's outcome is `withdrawn` and it waits on no partner while what was requested or
 * booked is cancelled, so the withdrawal's answer says it took; the case closes once the cancellations are done.
 */
export const WITHDRAWAL_SHOWN_AT_ONCE = 'withdrawal-shown-at-once';

/**
 * A tranche is paid beside the aftercare loop, not within it: while the payment provider is down, follow-ups are
 * still requested, reminded, escalated and missed. A closure waits for a payment under way (no money moves after it).
 */
export const PAYMENTS_BESIDE_THE_LOOP = 'payments-beside-the-loop';

/**
 * Before a follow-up's date the mission is not asked yet: the case waits on no one (`WaitingOn`, `DueAt` and the case
 * list's partner filter), instead of on the mission from a date to come.
 */
export const UPCOMING_WAITS_ON_NO_ONE = 'upcoming-waits-on-no-one';

/**
 * A step handed over to another partner (unstick `reassign`) tells the partner that had it to disregard the request,
 * once the new one is asked.
 */
export const HANDOVER_TOLD_TO_PREVIOUS = 'handover-told-to-previous';

/**
 * After the agency refused a rebooking, the booked flights stand: a departure confirmed on them moves the return on
 * (it waited for other flights for good), and the case waits on staff meanwhile, not on the agency.
 */
export const REFUSED_REBOOKING_FLIGHTS_STAND = 'refused-rebooking-flights-stand';

/**
 * A booking of flights is retried until its first flight leaves, not for ever: a ticket was bought for a flight that
 * had left, and partners asked to assist it. Given up, what its key booked is cancelled and staff choose other flights.
 */
export const BOOKING_ENDS_AT_DEPARTURE = 'booking-ends-at-departure';

/**
 * A partner step answered before its request went out (the travel document recorded as its stage began) asks the
 * partner nothing: the consulate was asked for a document staff had already recorded, and never told otherwise.
 * `patched()` is asked only then, so other histories carry no marker.
 */
export const NO_REQUEST_ONCE_ANSWERED = 'no-request-once-answered';

/**
 * A booking call that keeps failing can be sent again at once by a supervisor (unstick `resend`) once the agency is
 * back, instead of waiting out its retry's backoff (up to 10 minutes): the call is cancelled and made anew, under the
 * same booking key.
 */
export const RESEND_CALLS_AGAIN = 'resend-calls-again';

/** A visit recorded as missed is told to the mission, which was asked for it and would otherwise still owe it. */
export const MISSED_VISIT_TOLD = 'missed-visit-told';

/**
 * A voucher the payment provider refuses to void at closure is recorded for finance to check, and the case closes:
 * the refusal failed the workflow, and the case could not be closed at all. Asked only on a refusal.
 */
export const VOID_REFUSAL_CLOSES = 'void-refusal-closes';

/**
 * A closure that voids vouchers says so while the provider voids them (it may be down a while): the case still said it
 * waited for a follow-up. Asked only then.
 */
export const CLOSING_SHOWN = 'closing-shown';

/**
 * A closure tells the mission that the plan or the visits it was asked for and has not answered are no longer
 * expected: it was left to remind itself of a case that had closed. Asked only when something is owed.
 */
export const CLOSURE_TOLD_TO_MISSION = 'closure-told-to-mission';

/**
 * Accommodation arranged again before departure (a rebooking moved the nights) sends the partner the new dates: a
 * second arrangement was refused, and the nights stayed those of the first flights. Asked only then.
 */
export const ACCOMMODATION_REVISED = 'accommodation-revised';

/**
 * A withdrawal's cancellation that fails its quick tries while the partner is down (not a refusal) is retried until
 * the partner answers, after the others, while the case shows it: it was left to staff to do by hand, and a booking
 * stayed live at an agency that was down a few seconds. Asked only then.
 */
export const CANCELLATIONS_RETRIED = 'cancellations-retried';

/**
 * A connection missed in transit is rebooked from the transit airport: new flights, the legs not flown undone and
 * asked anew. A case in transit had no way forward (a rebooking was allowed only before departure). Asked only then.
 */
export const CONNECTION_REBOOKED = 'connection-rebooked';

/**
 * A withdrawal tells the supervisors the awaited answer was escalated to that it needs no action: they were left to
 * chase a partner for a return that no longer took place. Asked only when the wait was escalated.
 */
export const ESCALATION_SETTLED_TOLD = 'escalation-settled-told';

/**
 * A supervisor's resend before the answer is due sends the request again, as it was: it sent a reminder saying the
 * request was overdue. Asked only then.
 */
export const RESEND_BEFORE_DUE_REQUESTS = 'resend-before-due-requests';

/**
 * A supervisor may unstick the mission's step the case waits on after arrival (the plan, a visit): remind it now or
 * send the request again, or give it more time (its escalation and missing move with the due date). It was refused
 * ("nothing to unstick") while the case showed it overdue. Asked only when a supervisor acts.
 */
export const MISSION_STEPS_UNSTUCK = 'mission-steps-unstuck';

/**
 * After arrival, the next reminder of the plan or a visit goes an interval after the last one (and not before a due
 * date a supervisor moved): counted from the due date, every reminder missed while the worker was down went out at
 * once, and one moved due date held the next reminder back by as many intervals as had been sent. Asked at each
 * reminder.
 */
export const AFTERCARE_REMINDERS_SPACED = 'aftercare-reminders-spaced';

/**
 * A step handed over to another partner (unstick `reassign`) numbers its reminders to that partner from 1, as the case
 * counts them: the new consulate's first reminder said "Reminder 4", for three it never had. Asked only at a handover.
 */
export const REMINDERS_NUMBERED_PER_PARTNER = 'reminders-numbered-per-partner';

/**
 * A withdrawal's cancellation that failed its quick tries, and is tried again until its partner answers, keeps its
 * FailingStep: it was cleared as the quick tries ended, and the return left the failing list until the new tries had
 * failed three times. Asked only then.
 */
export const FAILING_KEPT_WHILE_RETRIED = 'failing-kept-while-retried';

/**
 * A travel document request sent again (a supervisor's resend, or a handover to another consulate) is cancelled once
 * when the returnee withdraws, with the consulate that has it: each sending had added a cancellation, and the consulate
 * was told two or three times. Asked only when the request is sent again.
 */
export const TRAVEL_DOCUMENT_CANCELLED_ONCE = 'travel-document-cancelled-once';

/**
 * A partner step's escalation follows its due date: a supervisor's extension moves it by as much, and a handover
 * starts it afresh from the new partner's request. It kept the first request's clock, and supervisors were told of a
 * silence "despite reminders" before the moved due date, or seconds after the new consulate was asked. Asked only
 * at an extension or a handover.
 */
export const ESCALATION_FOLLOWS_DUE = 'escalation-follows-due';

/**
 * A reminder or an escalation still being sent (its partner failing: removed from the directory, its mail server
 * down) is cancelled once the partner's answer is recorded. It went on retrying, the case stayed at its stage with
 * the answer in hand, and once it went through the partner was reminded of what it had delivered. Asked at a
 * reminder or an escalation.
 */
export const ANSWER_STOPS_REMINDERS = 'answer-stops-reminders';
