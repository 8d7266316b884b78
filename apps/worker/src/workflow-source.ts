import type { BundleOptions, WorkerOptions } from '@temporalio/worker';

/** The return workflows and the interceptor module (the ops view) every worker and every bundle of them includes. */
export const workflowsPath = require.resolve('@avrr/workflows');
export const workflowInterceptorModules = [require.resolve('@avrr/workflows/src/ops-interceptors')];

/** What `bundleWorkflowCode` needs to bundle the workflows as the worker runs them. */
export const workflowBundleOptions: Pick<BundleOptions, 'workflowsPath' | 'workflowInterceptorModules'> = {
  workflowsPath,
  workflowInterceptorModules,
};

/** A prebuilt bundle saves a few seconds of webpack at start; without one the worker bundles the source. */
export function workflowSource(
  bundlePath: string | undefined,
): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> & { workflowModules: string[] } {
  return bundlePath
    ? { workflowBundle: { codePath: bundlePath }, workflowModules: [] }
    : { workflowsPath, workflowModules: workflowInterceptorModules };
}
