import { ApplicationFailure } from '@temporalio/common';
import type { Context } from '@temporalio/activity';
import type { ActivityInterceptors } from '@temporalio/worker';
import { FAILING_AFTER_ATTEMPTS, RETURN_WORKFLOW_TYPE, stepFailingSignal, type StepFailing } from '@avrr/contracts';

/**
 * Tells a return that one of its steps keeps failing: from the `FAILING_AFTER_ATTEMPTS`th failed attempt of an
 * activity that Temporal will retry, each failed attempt is signalled to the workflow, which shows it in the
 * `FailingStep` search attribute and its details, and clears it when the step completes. The signal is a
 * history event, so the workflow stays deterministic; a signal that cannot be sent never hides the step's error.
 */
export function reportFailingSteps(ctx: Context): ActivityInterceptors {
  return {
    inbound: {
      async execute(input, next) {
        try {
          return await next(input);
        } catch (error) {
          const { attempt, activityType, workflowType, workflowExecution } = ctx.info;
          const final = error instanceof ApplicationFailure && error.nonRetryable;
          if (
            workflowExecution &&
            workflowType === RETURN_WORKFLOW_TYPE &&
            attempt >= FAILING_AFTER_ATTEMPTS &&
            !final
          ) {
            const report: StepFailing = { step: activityType, errorClass: errorClass(error), attempt, message: '' };
            report.message = error instanceof Error ? error.message.slice(0, 200) : String(error);
            await ctx.client.workflow
              .getHandle(workflowExecution.workflowId, workflowExecution.runId)
              .signal(stepFailingSignal, report)
              .catch(() => undefined);
          }
          throw error;
        }
      },
    },
  };
}

/** `HTTP-503` (the status a partner answered), `PartnerMissing` (an ApplicationFailure's type), or the error's name. */
export function errorClass(error: unknown): string {
  if (!(error instanceof Error)) return 'Error';
  const status = /\banswered (\d{3})\b/.exec(error.message);
  if (status) return `HTTP-${status[1]}`;
  return (error instanceof ApplicationFailure && error.type) || error.name;
}
