// The Temporal workflow SDK as the return workflow sees it in the third negative control: the patches of issue 11
// (a partner's refusal as a state of the case, a withdrawal that cancels calls in flight, best-effort cancellations)
// answer false, as if that change had shipped without them. (Imported by its file path, so the alias that sends
// '@temporalio/workflow' here does not apply to this import.)
import { patched as sdkPatched } from '@temporalio/workflow/lib/index';

export * from '@temporalio/workflow/lib/index';

const WITHOUT = ['one-truth-per-return', 'withdrawal-during-booking-wins'];

export function patched(patchId: string): boolean {
  return WITHOUT.includes(patchId) ? false : sdkPatched(patchId);
}
