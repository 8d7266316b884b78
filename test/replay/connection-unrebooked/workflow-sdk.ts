// The Temporal workflow SDK as the return workflow sees it in this negative control: a connection missed in transit is
// not rebooked (CONNECTION_REBOOKED answers false), as if shipped unpatched.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'connection-rebooked' ? false : sdkPatched(patchId);
}
