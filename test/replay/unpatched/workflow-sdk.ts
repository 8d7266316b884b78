// The Temporal workflow SDK as the return workflow sees it in the second negative control: `patched()` always
// answers true, as if the journey had been changed without a patch. (Imported by its file path, so the alias
// that sends '@temporalio/workflow' here does not apply to this import.)
export * from '@temporalio/workflow/lib/index';

export function patched(_patchId: string): boolean {
  return true;
}
