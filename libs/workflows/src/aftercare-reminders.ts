import { patched } from '@temporalio/workflow';
import type { AftercareState, VisitState } from '@avrr/contracts';
import { AFTERCARE_REMINDERS_SPACED } from './versions';

/** The mission was reminded of the plan now: the next reminder goes an interval later (aftercare-schedule.ts). */
export function planReminded(care: AftercareState): void {
  care.planRemindersSent += 1;
  if (patched(AFTERCARE_REMINDERS_SPACED)) care.planRemindedAt = new Date().toISOString();
}

/** The mission was reminded of the visit now: the next reminder goes an interval later. */
export function visitReminded(visit: VisitState): void {
  visit.remindersSent += 1;
  if (patched(AFTERCARE_REMINDERS_SPACED)) visit.remindedAt = new Date().toISOString();
}
