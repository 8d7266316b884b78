// The Temporal workflow SDK as the return workflow sees it in the seventh negative control: a booking call a
// withdrawal cut short leaves what it booked (BOOKING_CUT_SHORT_UNDONE answers false), as if that change had shipped
// unpatched.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'booking-cut-short-undone' ? false : sdkPatched(patchId);
}
