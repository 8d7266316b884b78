import { patched, workflowInfo, type WorkflowInterceptorsFactory } from '@temporalio/workflow';
import { RETURN_WORKFLOW_TYPE, type ReturnWorkflowInput } from '@avrr/contracts';
import { activitySummary, timerSummary } from './ops-summaries';
import { currentOps, startOpsView, stepSettled, waitingOn } from './ops-view';
import { OPS_VIEW } from './versions';

/**
 * The ops view's hooks into every return, so the workflow files stay as the journey reads: the run's input starts
 * the view, every activity and timer gets a summary, and a step that completes is no longer reported failing.
 * Registered as a workflow interceptor module by the worker and the bundle (`WORKFLOW_INTERCEPTOR_MODULES`).
 */
export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [
    {
      async execute(input, next) {
        if (workflowInfo().workflowType === RETURN_WORKFLOW_TYPE) startOpsView(input.args[0] as ReturnWorkflowInput);
        return next(input);
      },
    },
  ],
  outbound: [
    {
      async scheduleActivity(input, next) {
        const ops = currentOps();
        const options =
          ops && patched(OPS_VIEW)
            ? { ...input.options, summary: activitySummary(input.activityType, input.args, ops.input) }
            : input.options;
        try {
          return await next({ ...input, options });
        } finally {
          stepSettled(input.activityType);
        }
      },
      async scheduleLocalActivity(input, next) {
        try {
          return await next(input);
        } finally {
          stepSettled(input.activityType);
        }
      },
      async startTimer(input, next) {
        const ops = currentOps();
        if (!ops || input.options?.summary || !patched(OPS_VIEW)) return next(input);
        const waiting = ops.status?.waitingFor ?? null;
        const summary = timerSummary(input.durationMs, waiting, waitingOn(waiting), Date.now());
        return next({ ...input, options: { ...input.options, summary } });
      },
    },
  ],
});
