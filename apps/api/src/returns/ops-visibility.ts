import { Injectable } from '@nestjs/common';
import { Client, type WorkflowExecutionInfo } from '@temporalio/client';
import {
  DueAtAttribute,
  FailingStepAttribute,
  OverdueAttribute,
  ProgrammeCodeAttribute,
  RETURN_WORKFLOW_TYPE,
  WaitingOnAttribute,
  returnWorkflowId,
} from '@avrr/contracts';

/** The ops questions `GET /returns` answers from Temporal's visibility (the same queries the README gives). */
export interface OpsFilters {
  overdue?: boolean;
  failing?: boolean;
  /** `consulate:PK`, as the `WaitingOn` search attribute holds it. */
  partner?: string;
  dueBefore?: Date;
}

/** What a list item carries about the return's workflow, from its search attributes. */
export interface OpsEntry {
  waitingOn: string | null;
  dueAt: string | null;
  overdue: boolean;
  /** How late the awaited answer is, in seconds; null when it is not due yet or nothing is due. */
  lateBySeconds: number | null;
  /** The steps that keep failing, with their error class (`bookFlights:HTTP-503`). */
  blockedBy: string[];
  /** The latest run's status (`Running`, `Completed`, ...); a return continued as new is its running run. */
  workflowStatus: string | null;
}

export const hasOpsFilters = (f: OpsFilters) =>
  f.overdue !== undefined || f.failing !== undefined || f.partner !== undefined || f.dueBefore !== undefined;

/** The visibility query for these filters; every value was validated by the DTO (codes, booleans, a date). */
export function opsQuery(f: OpsFilters, programmes: string[] | null): string {
  const clauses = [`WorkflowType='${RETURN_WORKFLOW_TYPE}'`, `ExecutionStatus='Running'`];
  if (f.overdue !== undefined) clauses.push(`${OverdueAttribute.name}=${f.overdue}`);
  if (f.failing !== undefined) clauses.push(`${FailingStepAttribute.name} IS ${f.failing ? 'NOT NULL' : 'NULL'}`);
  if (f.partner) clauses.push(`${WaitingOnAttribute.name}='${f.partner}'`);
  if (f.dueBefore) clauses.push(`${DueAtAttribute.name} < '${f.dueBefore.toISOString()}'`);
  if (programmes) clauses.push(`${ProgrammeCodeAttribute.name} IN (${programmes.map((p) => `'${p}'`).join(', ')})`);
  return clauses.join(' AND ');
}

@Injectable()
export class OpsVisibility {
  constructor(private readonly temporal: Client) {}

  /** The case references of running returns that match the filters. */
  async matching(filters: OpsFilters, programmes: string[] | null): Promise<string[]> {
    if (programmes?.length === 0) return [];
    const refs: string[] = [];
    for await (const execution of this.temporal.workflow.list({ query: opsQuery(filters, programmes) })) {
      refs.push(execution.workflowId.replace(/^return-/, ''));
    }
    return refs;
  }

  /** Runs of returns that closed since `since`: completed, terminated, failed, timed out or cancelled. */
  async closedSince(since: Date): Promise<{ runId: string; status: string }[]> {
    const query =
      `WorkflowType='${RETURN_WORKFLOW_TYPE}' AND ExecutionStatus IN ` +
      `('Completed', 'Terminated', 'Failed', 'TimedOut', 'Canceled') AND CloseTime >= '${since.toISOString()}'`;
    const runs: { runId: string; status: string }[] = [];
    for await (const execution of this.temporal.workflow.list({ query })) {
      runs.push({ runId: execution.runId, status: execution.status.name });
    }
    return runs;
  }

  /** The ops entry of each case's latest run (cases without a workflow have none). */
  async entries(caseRefs: string[], now = Date.now()): Promise<Map<string, OpsEntry>> {
    const latest = new Map<string, WorkflowExecutionInfo>();
    if (caseRefs.length === 0) return new Map();
    const ids = caseRefs.map((ref) => `'${returnWorkflowId(ref)}'`).join(', ');
    for await (const execution of this.temporal.workflow.list({ query: `WorkflowId IN (${ids})` })) {
      const seen = latest.get(execution.workflowId);
      if (!seen || seen.startTime < execution.startTime) latest.set(execution.workflowId, execution);
    }
    const entries = new Map<string, OpsEntry>();
    for (const [workflowId, execution] of latest) {
      const running = execution.status.name === 'RUNNING';
      const attributes = execution.typedSearchAttributes;
      const due = running ? attributes.get(DueAtAttribute) : undefined;
      const failing = running ? attributes.get(FailingStepAttribute) : undefined;
      const late = due ? Math.floor((now - due.getTime()) / 1000) : -1;
      entries.set(workflowId.replace(/^return-/, ''), {
        waitingOn: (running && attributes.get(WaitingOnAttribute)) || null,
        dueAt: due?.toISOString() ?? null,
        overdue: running && attributes.get(OverdueAttribute) === true,
        lateBySeconds: late > 0 ? late : null,
        blockedBy: failing ? [failing] : [],
        workflowStatus: execution.status.name,
      });
    }
    return entries;
  }
}
