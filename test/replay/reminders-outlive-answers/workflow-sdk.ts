// The Temporal workflow SDK as the return workflow sees it in this negative control: a reminder still being sent goes
// on once the partner's answer is recorded (ANSWER_STOPS_REMINDERS answers false), as if shipped unpatched.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'answer-stops-reminders' ? false : sdkPatched(patchId);
}
