// The Temporal workflow SDK as the return workflow sees it in this negative control: after a refused rebooking the
// return waits for other flights only (REFUSED_REBOOKING_FLIGHTS_STAND answers false), as if shipped unpatched.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'refused-rebooking-flights-stand' ? false : sdkPatched(patchId);
}
