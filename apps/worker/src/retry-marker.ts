import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import type { Context } from '@temporalio/activity';
import type { ActivityInterceptors } from '@temporalio/worker';
import { RETURN_WORKFLOW_TYPE } from '@avrr/contracts';
import type { CaseStatuses } from '@avrr/persistence';

/**
 * Notes in PostgreSQL each activity of a return whose attempt failed and that Temporal will retry, before Temporal
 * hears of the failure, and drops the note once an attempt succeeds or the activity fails for good or is cancelled:
 * the case view asks Temporal which steps are being retried only while a case has such a note (docs/reading-cases.md).
 * A note that cannot be written is not worth failing the attempt for; the case view then shows no retried step.
 */
export function markRetries(statuses: CaseStatuses) {
  return (ctx: Context): ActivityInterceptors => ({
    inbound: {
      async execute(input, next) {
        const { activityId, attempt, workflowType, workflowExecution } = ctx.info;
        if (workflowType !== RETURN_WORKFLOW_TYPE || !workflowExecution) return next(input);
        const { workflowId, runId } = workflowExecution;
        try {
          const result = await next(input);
          if (attempt > 1) await statuses.settled(runId, activityId).catch(() => undefined);
          return result;
        } catch (error) {
          const final =
            (error instanceof ApplicationFailure && error.nonRetryable) || error instanceof CancelledFailure;
          const caseRef = workflowId.replace(/^return-/, '');
          await (final ? statuses.settled(runId, activityId) : statuses.retrying(caseRef, runId, activityId)).catch(
            () => undefined,
          );
          throw error;
        }
      },
    },
  });
}
