// The Temporal workflow SDK as the return workflow sees it in this negative control: a visit recorded as missed is
// not told to the mission (MISSED_VISIT_TOLD answers false), as if shipped unpatched.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'missed-visit-told' ? false : sdkPatched(patchId);
}
