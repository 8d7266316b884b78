// The Temporal workflow SDK as the return workflow sees it in this negative control: after a handover reminders
// keep the first partner's count (REMINDERS_NUMBERED_PER_PARTNER answers false), as if shipped unpatched.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'reminders-numbered-per-partner' ? false : sdkPatched(patchId);
}
