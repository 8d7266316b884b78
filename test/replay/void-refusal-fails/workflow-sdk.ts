// The Temporal workflow SDK as the return workflow sees it in this negative control: a voucher the provider refuses to
// void at closure fails the workflow (VOID_REFUSAL_CLOSES answers false), as if shipped unpatched.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'void-refusal-closes' ? false : sdkPatched(patchId);
}
