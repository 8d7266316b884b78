// The Temporal workflow SDK as the return workflow sees it in this negative control: a withdrawal's cancellation that
// fails while its partner is down is left to staff (CANCELLATIONS_RETRIED answers false), as if shipped unpatched.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'cancellations-retried' ? false : sdkPatched(patchId);
}
