// The Temporal workflow SDK as the return workflow sees it in this negative control: a step handed over to another
// partner does not tell the one that had it (HANDOVER_TOLD_TO_PREVIOUS answers false), as if shipped unpatched.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'handover-told-to-previous' ? false : sdkPatched(patchId);
}
