// The Temporal workflow SDK as the return workflow sees it in the fourth negative control: the closure is answered
// at acceptance again (CLOSURE_ANSWERED_WHEN_RECORDED answers false), as if that change had shipped without its patch.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'closure-answered-when-recorded' ? false : sdkPatched(patchId);
}
