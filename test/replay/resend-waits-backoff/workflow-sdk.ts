// The Temporal workflow SDK as the return workflow sees it in this negative control: a supervisor cannot send a
// failing booking again (RESEND_CALLS_AGAIN answers false), as if shipped unpatched.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'resend-calls-again' ? false : sdkPatched(patchId);
}
