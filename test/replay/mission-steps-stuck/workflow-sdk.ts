// The Temporal workflow SDK as the return workflow sees it in this negative control: a supervisor's action on the
// mission's step after arrival does nothing (MISSION_STEPS_UNSTUCK answers false), as if shipped unpatched.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'mission-steps-unstuck' ? false : sdkPatched(patchId);
}
