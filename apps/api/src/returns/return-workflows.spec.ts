import { ServiceError } from '@temporalio/client';
import { isUnavailable } from './temporal-deadline';

/** A gRPC failure as @temporalio/client wraps one it has no class for: a ServiceError whose cause has the status. */
function serviceError(code: number, details: string): ServiceError {
  return new ServiceError('Unexpected error while making gRPC request', {
    cause: Object.assign(new Error(`${code} ${details}`), { code, details }),
  });
}

describe('what counts as Temporal not answering now (503 with Retry-After, the step kept pending)', () => {
  it.each([
    [14, 'connection refused'],
    [4, 'deadline exceeded'],
    [8, 'Workflow is busy.'],
    [10, 'Workflow Update was aborted.'],
    [9, 'Workflow task in failed state.'],
  ])('gRPC status %i (%s) is "not now"', (code, details) => {
    expect(isUnavailable(serviceError(code, details))).toBe(true);
  });

  it.each([
    [3, 'invalid argument'],
    [7, 'permission denied'],
    [9, 'Workflow execution already completed.'],
  ])('gRPC status %i (%s) is an error of its own', (code, details) => {
    expect(isUnavailable(serviceError(code, details))).toBe(false);
  });
});
