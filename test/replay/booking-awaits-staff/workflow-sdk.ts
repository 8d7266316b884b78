// The Temporal workflow SDK as the return workflow sees it in the eighth negative control: while the agency books, the
// case still waits on staff (BOOKING_AWAITS_AGENCY answers false), as if that change had shipped unpatched.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'booking-awaits-agency' ? false : sdkPatched(patchId);
}
