// The Temporal workflow SDK as the return workflow sees it in the ninth negative control: a withdrawal still shows
// the case as it was until it closes (WITHDRAWAL_SHOWN_AT_ONCE answers false), as if that change had shipped unpatched.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'withdrawal-shown-at-once' ? false : sdkPatched(patchId);
}
