import { patched } from '@temporalio/workflow';
import type { AftercareState, VisitState } from '@avrr/contracts';
import { partnerMail } from './activity-proxies';
import { AFTERCARE_REMINDERS_SPACED } from './versions';

/** Reminds the mission of the plan now, and counts it: the next reminder goes an interval later (aftercare-schedule.ts). */
export async function remindPlan(caseRef: string, care: AftercareState): Promise<void> {
  await partnerMail.remindPlan(caseRef, care.planRemindersSent + 1);
  care.planRemindersSent += 1;
  if (patched(AFTERCARE_REMINDERS_SPACED)) care.planRemindedAt = new Date().toISOString();
}

/** Reminds the mission of the visit now, and counts it: the next reminder goes an interval later. */
export async function remindVisit(caseRef: string, visit: VisitState): Promise<void> {
  await partnerMail.remindVisit(caseRef, visit.followUp, visit.remindersSent + 1);
  visit.remindersSent += 1;
  if (patched(AFTERCARE_REMINDERS_SPACED)) visit.remindedAt = new Date().toISOString();
}
