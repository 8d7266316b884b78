// The Temporal workflow SDK as the return workflow sees it in the eleventh negative control: before a follow-up's
// date the case still waits on the mission (UPCOMING_WAITS_ON_NO_ONE answers false), as if shipped unpatched.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'upcoming-waits-on-no-one' ? false : sdkPatched(patchId);
}
