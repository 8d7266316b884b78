// The Temporal workflow SDK as the return workflow sees it in this negative control: a resend before the due date
// sends a reminder (RESEND_BEFORE_DUE_REQUESTS answers false), as if shipped unpatched.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'resend-before-due-requests' ? false : sdkPatched(patchId);
}
