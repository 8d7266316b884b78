// The Temporal workflow SDK as the return workflow sees it in this negative control: a partner step's escalation keeps
// the first request's clock through an extension or a handover (ESCALATION_FOLLOWS_DUE answers false), as if shipped
// unpatched.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'escalation-follows-due' ? false : sdkPatched(patchId);
}
