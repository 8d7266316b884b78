// The Temporal workflow SDK as the return workflow sees it in this negative control: a travel document request sent again
// adds a cancellation each time (TRAVEL_DOCUMENT_CANCELLED_ONCE answers false), as if shipped unpatched.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'travel-document-cancelled-once' ? false : sdkPatched(patchId);
}
