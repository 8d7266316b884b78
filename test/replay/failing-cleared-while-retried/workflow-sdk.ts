// The Temporal workflow SDK as the return workflow sees it in this negative control: a withdrawal's cancellation tried again
// loses its FailingStep until the new tries report (FAILING_KEPT_WHILE_RETRIED answers false), as if shipped unpatched.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'failing-kept-while-retried' ? false : sdkPatched(patchId);
}
