import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;
import type { Pool } from 'pg';
import { returnWorkflowId, statusQuery, type ReturnStatus } from '@avrr/contracts';
import type { CaughtMessage, SandboxBooking, SandboxCall, SandboxPayment, SandboxVoucher } from '@avrr/local-stack';
import type { SoakApi } from './api-client';
import { FOLLOW_UPS } from './stack';

/** What went wrong, by kind; each entry names the case and what was seen. */
export interface Findings {
  lost: string[];
  failed: string[];
  workflowTaskFailures: string[];
  /** One Message-ID delivered again: a send whose log row was not written (the receiver can drop it). */
  redeliveredMail: string[];
  /** One kind of e-mail about one case sent under two Message-IDs: the step itself done twice. */
  duplicatedMail: string[];
  unreceivedMail: string[];
  disagreements: string[];
  partnerCounts: { what: string; actual: number; expected: number }[];
}

export interface VerdictSources {
  api: SoakApi;
  temporal: Client;
  db: Pool;
  mailUrl: string;
  agencyUrl: string;
  paymentsUrl: string;
  /** Where the history of a return whose workflow cannot answer is written, for a replay test. */
  scratch: string;
}

const ABNORMAL = ['FAILED', 'TERMINATED', 'TIMED_OUT', 'CANCELED', 'CANCELLED'];
/** Workflow task failures that are part of Temporal's normal life, not a bug in workflow code. */
const BENIGN_TASK_FAILURES = ['UNHANDLED_COMMAND', 'RESET_STICKY_TASK_QUEUE'];

/** Compares every return's end with what was expected, and what the partners and the mail server saw. */
export async function verdict(sources: VerdictSources, outcomes: Map<string, string | null>): Promise<Findings> {
  const findings: Findings = {
    lost: [],
    failed: [],
    workflowTaskFailures: [],
    redeliveredMail: [],
    duplicatedMail: [],
    unreceivedMail: [],
    disagreements: [],
    partnerCounts: [],
  };
  for (const [caseRef, driverError] of outcomes) {
    const view = await sources.api.read(`/returns/${caseRef}`);
    const unexpected = driverError ?? notClosedAsExpected(view);
    if (unexpected) findings.lost.push(`${caseRef}: ${unexpected}`);
    await checkRuns(sources, caseRef, findings);
    const disagreement = await compareWithWorkflow(sources, caseRef, view).catch(async (error: Error) => {
      const handle = sources.temporal.workflow.getHandle(returnWorkflowId(caseRef));
      const { runId } = await handle.describe();
      const saved = saveHistory(sources.scratch, caseRef, runId, await handle.fetchHistory());
      return `its workflow does not answer (${error.name}: ${error.message}); history in ${saved}`;
    });
    if (disagreement) findings.disagreements.push(`${caseRef}: ${disagreement}`);
  }
  await checkMail(sources, findings);
  await countPartnerEffects(sources, [...outcomes.keys()], findings);
  return findings;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function notClosedAsExpected(view: any): string | null {
  const problems: string[] = [];
  if (view.stage !== 'closed' || view.outcome !== 'completed') problems.push(`${view.stage}/${view.outcome}`);
  if (view.workflow?.status !== 'COMPLETED') problems.push(`workflow ${view.workflow?.status}`);
  const tranches = view.reintegration.disbursements.map((t: { status: string }) => t.status);
  if (tranches.join() !== 'closed,closed') problems.push(`tranches ${tranches.join() || 'none'}`);
  const visits = view.reintegration.visits.map((v: { status: string }) => v.status);
  if (visits.join() !== FOLLOW_UPS.map(() => 'done').join()) problems.push(`visits ${visits.join() || 'none'}`);
  return problems.length ? `ended as ${problems.join(', ')}` : null;
}

/** Every run of the return: none stopped short, and no workflow task failed for a reason of workflow code. */
async function checkRuns(sources: VerdictSources, caseRef: string, findings: Findings): Promise<void> {
  const workflowId = returnWorkflowId(caseRef);
  for await (const run of sources.temporal.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
    if (ABNORMAL.includes(run.status.name)) findings.failed.push(`${caseRef}: run ${run.runId} ${run.status.name}`);
    const history = await sources.temporal.workflow.getHandle(workflowId, run.runId).fetchHistory();
    const failures = (history.events ?? []).flatMap((event) => {
      const failure = event.workflowTaskFailedEventAttributes;
      const cause = temporal.api.enums.v1.WorkflowTaskFailedCause[failure?.cause ?? 0];
      if (!failure || BENIGN_TASK_FAILURES.some((benign) => cause?.includes(benign))) return [];
      return [`event ${event.eventId} ${cause}: ${failure.failure?.message}`];
    });
    if (!failures.length) continue;
    const saved = saveHistory(sources.scratch, caseRef, run.runId, history);
    findings.workflowTaskFailures.push(`${caseRef}: run ${run.runId}: ${failures.join('; ')} (history in ${saved})`);
  }
}

/** The case view, the case row and the workflow's own status say the same; the ledger has nothing pending. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function compareWithWorkflow(sources: VerdictSources, caseRef: string, view: any): Promise<string | null> {
  const handle = sources.temporal.workflow.getHandle(returnWorkflowId(caseRef));
  const [live, described] = await Promise.all([handle.query<ReturnStatus>(statusQuery), handle.describe()]);
  const { rows } = await sources.db.query('SELECT stage, outcome FROM return_cases WHERE case_ref = $1', [caseRef]);
  const { rows: pending } = await sources.db.query(
    `SELECT step, idempotency_key FROM case_steps WHERE case_ref = $1 AND status = 'pending'`,
    [caseRef],
  );
  const said = {
    workflow: `${live.stage}/${live.outcome ?? null} ${described.status.name}`,
    view: `${view.stage}/${view.outcome} ${view.workflow?.status}`,
    record: `${rows[0]?.stage}/${rows[0]?.outcome} ${described.status.name}`,
  };
  const problems: string[] = [];
  if (said.view !== said.workflow || said.record !== said.workflow) problems.push(JSON.stringify(said));
  if (pending.length) problems.push(`pending steps ${pending.map((p) => `${p.step} (${p.idempotency_key})`).join()}`);
  return problems.length ? problems.join('; ') : null;
}

/** A run's history, kept for a replay test. */
function saveHistory(scratch: string, caseRef: string, runId: string, history: History): string {
  const dir = join(scratch, 'histories');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${caseRef}-${runId}.json`);
  writeFileSync(file, historyToJSON(history));
  return file;
}

/**
 * Duplicates: one Message-ID delivered twice (a retried send whose log row was not written), or one subject (its
 * kind, case and number) to one recipient under two Message-IDs (the step itself done twice). And e-mails the
 * sent-mail log has but the server never received.
 */
async function checkMail(sources: VerdictSources, findings: Findings): Promise<void> {
  const messages = (await (await fetch(`${sources.mailUrl}/messages`)).json()) as CaughtMessage[];
  const byId = groupBy(messages, (m) => m.messageId);
  for (const [id, copies] of byId) {
    if (copies.length > 1) {
      const at = copies.map((m) => m.receivedAt.slice(11, 23)).join(', ');
      findings.redeliveredMail.push(`${copies.length} x ${id}: "${copies[0].subject}" (received at ${at})`);
    }
  }
  for (const [what, copies] of groupBy(messages, (m) => `${m.to.join()} | ${m.subject}`)) {
    const ids = new Set(copies.map((m) => m.messageId));
    if (ids.size > 1) findings.duplicatedMail.push(`${ids.size} Message-IDs for ${what}: ${[...ids].join(' ')}`);
  }
  const { rows } = await sources.db.query('SELECT message_id, case_ref, kind FROM sent_mail');
  for (const row of rows) {
    if (!byId.has(row.message_id)) findings.unreceivedMail.push(`${row.case_ref} ${row.kind} ${row.message_id}`);
  }
}

/** One booking, no cancellation, one voucher and one vendor payment per return. */
async function countPartnerEffects(sources: VerdictSources, caseRefs: string[], findings: Findings): Promise<void> {
  const get = async <T>(url: string) => (await (await fetch(url)).json()) as T;
  const agencyCalls = await get<SandboxCall[]>(`${sources.agencyUrl}/_control/calls`);
  const bookings = await get<SandboxBooking[]>(`${sources.agencyUrl}/_control/bookings`);
  const vouchers = await get<SandboxVoucher[]>(`${sources.paymentsUrl}/_control/vouchers`);
  const payments = await get<SandboxPayment[]>(`${sources.paymentsUrl}/_control/payments`);
  const n = caseRefs.length;
  const bookedKeys = new Set(
    agencyCalls.filter((c) => c.path === '/bookings' && c.status === 201).map((c) => c.idempotencyKey),
  );
  const casesBookedTwice = caseRefs.filter(
    (caseRef) => [...bookedKeys].filter((key) => key?.startsWith(`return-${caseRef}/`)).length > 1,
  );
  findings.partnerCounts.push(
    { what: 'bookings at the agency', actual: bookings.length, expected: n },
    { what: 'returns booked under two keys', actual: casesBookedTwice.length, expected: 0 },
    {
      what: 'cancellations at the agency',
      actual: agencyCalls.filter((c) => c.path.endsWith('/cancel')).length,
      expected: 0,
    },
    { what: 'vouchers issued', actual: vouchers.length, expected: n },
    { what: 'vouchers redeemed', actual: vouchers.filter((v) => v.status === 'redeemed').length, expected: n },
    { what: 'vendor payments', actual: payments.length, expected: n },
  );
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
