// The Temporal workflow SDK as the return workflow sees it in the sixth negative control: case records other than
// stages are activity tasks again (CASE_RECORDS_LOCALLY answers false), as if that change had shipped unpatched.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'case-records-locally' ? false : sdkPatched(patchId);
}
