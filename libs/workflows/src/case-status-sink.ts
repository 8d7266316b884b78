import { proxySinks, workflowInfo } from '@temporalio/workflow';
import type { CaseOpsEntry, CaseStatusSinks, ReturnStatus } from '@avrr/contracts';

const { caseStatus } = proxySinks<CaseStatusSinks>();

/** Changes published by this run so far; counted on replay too, so a change keeps its number. */
let seq = 0;

/**
 * Hands the return's status to the worker, which writes it to PostgreSQL before this workflow task completes (see
 * CaseStatusSinks). Not a command: nothing in the history changes, and a replay writes nothing.
 */
export function publishCaseStatus(status: ReturnStatus, ops: CaseOpsEntry | null): void {
  seq += 1;
  if (workflowInfo().unsafe.isReplaying) return;
  // A copy: the sink's arguments leave the workflow when the activation ends, after later changes in it.
  caseStatus.changed(JSON.parse(JSON.stringify(status)) as ReturnStatus, ops && { ...ops }, seq);
}
