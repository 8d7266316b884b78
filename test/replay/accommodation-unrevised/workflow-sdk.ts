// The Temporal workflow SDK as the return workflow sees it in this negative control: accommodation arranged again is
// not sent to the partner (ACCOMMODATION_REVISED answers false), as if shipped unpatched.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'accommodation-revised' ? false : sdkPatched(patchId);
}
