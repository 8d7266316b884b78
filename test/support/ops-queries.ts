import type { Client } from '@temporalio/client';
import { returnWorkflowId } from '@avrr/contracts';

/** The visibility queries the README gives ops engineers, exactly as written there. */
export const OPS_QUERIES = {
  overdue: `ExecutionStatus='Running' AND Overdue=true`,
  failing: `ExecutionStatus='Running' AND FailingStep IS NOT NULL`,
  waitingOnConsulate: `ExecutionStatus='Running' AND WaitingOn='consulate:PK'`,
  stoppedShort: `ExecutionStatus IN ('Failed','Terminated','TimedOut')`,
};

/** The case references of the returns a README query finds, within one programme (tests run side by side). */
export async function opsReturns(temporal: Client, query: string, programme: string): Promise<string[]> {
  const refs: string[] = [];
  for await (const run of temporal.workflow.list({ query: `${query} AND ProgrammeCode='${programme}'` })) {
    refs.push(run.workflowId.replace(/^return-/, ''));
  }
  return refs.sort();
}

/** The current details Temporal UI shows for the return (its built-in metadata query). */
export async function workflowDetails(temporal: Client, caseRef: string): Promise<string> {
  const metadata = await temporal.workflow
    .getHandle(returnWorkflowId(caseRef))
    .query<{ currentDetails?: string }>('__temporal_workflow_metadata');
  return metadata.currentDetails ?? '';
}

/** The summaries Temporal UI shows on the return's activities and timers, from its history. */
export async function userMetadataSummaries(temporal: Client, caseRef: string) {
  const history = await temporal.workflow.getHandle(returnWorkflowId(caseRef)).fetchHistory();
  const decode = (data?: Uint8Array | null) => (data ? (JSON.parse(Buffer.from(data).toString()) as string) : '');
  const summaries = { activities: [] as string[], timers: [] as string[] };
  for (const event of history.events ?? []) {
    const summary = decode(event.userMetadata?.summary?.data);
    if (event.activityTaskScheduledEventAttributes) summaries.activities.push(summary);
    if (event.timerStartedEventAttributes) summaries.timers.push(summary);
  }
  return summaries;
}
