// The Temporal workflow SDK as the return workflow sees it in this negative control: a closure does not tell the
// mission what it was asked for is no longer expected (CLOSURE_TOLD_TO_MISSION answers false), as if shipped unpatched.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'closure-told-to-mission' ? false : sdkPatched(patchId);
}
