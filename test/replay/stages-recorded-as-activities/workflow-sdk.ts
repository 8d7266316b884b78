// The Temporal workflow SDK as the return workflow sees it in the fifth negative control: stages are recorded by
// activities again (STAGES_RECORDED_LOCALLY answers false), as if that change had shipped without its patch.
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId === 'stages-recorded-locally' ? false : sdkPatched(patchId);
}
