// The Temporal workflow SDK as the return workflow sees it in this negative control: a closure voiding vouchers does
// not say so (CLOSING_SHOWN answers false), as if shipped unpatched.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'closing-shown' ? false : sdkPatched(patchId);
}
