import { Context } from '@temporalio/activity';

/**
 * The same for every attempt of one activity execution, and different for every other: workflow id, run id
 * (activity ids restart after continue-as-new) and activity id.
 */
export function idempotencyKey(): string {
  const { workflowExecution, activityId } = Context.current().info;
  if (!workflowExecution) throw new Error('activities of this project run only on behalf of a workflow');
  return `${workflowExecution.workflowId}/${workflowExecution.runId}/${activityId}`;
}
