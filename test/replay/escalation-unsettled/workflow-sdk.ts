// The Temporal workflow SDK as the return workflow sees it in this negative control: a withdrawal does not tell the
// supervisors an escalation needs no action (ESCALATION_SETTLED_TOLD answers false), as if shipped unpatched.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'escalation-settled-told' ? false : sdkPatched(patchId);
}
