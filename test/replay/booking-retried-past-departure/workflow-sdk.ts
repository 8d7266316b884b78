// The Temporal workflow SDK as the return workflow sees it in this negative control: a booking is retried past its
// first flight's departure (BOOKING_ENDS_AT_DEPARTURE answers false), as if shipped unpatched.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'booking-ends-at-departure' ? false : sdkPatched(patchId);
}
