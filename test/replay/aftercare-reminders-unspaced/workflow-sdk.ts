// The Temporal workflow SDK as the return workflow sees it in this negative control: after arrival the next reminder
// is counted from the due date (AFTERCARE_REMINDERS_SPACED answers false), as if shipped unpatched.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'aftercare-reminders-spaced' ? false : sdkPatched(patchId);
}
