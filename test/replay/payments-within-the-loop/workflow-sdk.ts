// The Temporal workflow SDK as the return workflow sees it in the tenth negative control: the aftercare loop still
// waits for each payment (PAYMENTS_BESIDE_THE_LOOP answers false), as if that change had shipped unpatched.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'payments-beside-the-loop' ? false : sdkPatched(patchId);
}
