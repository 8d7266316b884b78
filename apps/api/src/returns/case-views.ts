import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { WorkflowExecutionDescription } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { budgetOf, CaseStatuses } from '@avrr/persistence';
import { covers } from '../auth/programme-scope';
import type { StaffPrincipal } from '../auth/principal';
import { CaseNotFoundError } from '../errors/domain-errors';
import { readCaseFile } from './case-file';
import { maskedFor } from './field-access';
import { maskDocumentNumber, type ReturnView } from './return-view';
import { nightsShort, unaskedTravellers } from './case-blockers';
import { CaseChanges } from '../changes/case-changes';
import { RememberedReads } from '../changes/remembered-reads';
import { ReturnWorkflows } from './return-workflows';
import { caseNamed } from '../logging/case-ref-of';

/** How long a wait for a change goes without reading the view again while no notification can come. */
const RE_READ_MS = 5_000;
/** The same for a run that closed its case and is about to complete. */
const CLOSING_RE_READ_MS = 250;

/** Views answered from PostgreSQL alone whose tags are remembered, per case and reader (for `viewOnceChanged`). */
const REMEMBERED_VIEWS = 10_000;

const tags = new WeakMap<ReturnView, string>();

/** The view's entity tag: equal tags, equal views. */
export function viewTag(view: ReturnView): string {
  let tag = tags.get(view);
  if (!tag) {
    tag = `"${createHash('sha1').update(JSON.stringify(view)).digest('base64url')}"`;
    tags.set(view, tag);
  }
  return tag;
}

/** Whose view it is: the same staff member with the same grant sees the same view. */
const readerOf = (caseRef: string, user: StaffPrincipal) =>
  JSON.stringify([caseRef, user.id, user.roles, user.programmes]);

/** What staff read about a case: as PostgreSQL keeps it, with what only Temporal knows of a running return. */
@Injectable()
export class CaseViews {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workflows: ReturnWorkflows,
    private readonly statuses: CaseStatuses,
    private readonly changes: CaseChanges,
  ) {}

  /** The tag of the view last answered from PostgreSQL alone, per case and reader. */
  private readonly answered = new RememberedReads<string>(REMEMBERED_VIEWS);

  /**
   * The view and its tag once it is no longer the one tagged `seen`, or as it stands after `waitMs`: a screen
   * showing a case asks for its next change instead of polling (`If-None-Match` with `Prefer: wait`,
   * docs/reading-cases.md).
   */
  async viewOnceChanged(
    caseRef: string,
    user: StaffPrincipal,
    seen: string[],
    waitMs: number,
  ): Promise<{ view: ReturnView; tag: string }> {
    const deadline = Date.now() + waitMs;
    const reader = readerOf(caseRef, user);
    for (;;) {
      // Listening before reading: a change committed while the view is read still wakes this wait.
      const change = this.changes.next(caseRef);
      // The view the client has was answered here, and its case has not changed since: no need to read it again.
      const known = this.answered.get(reader, (mark) => this.changes.unchangedSince(caseRef, mark));
      if (known && seen.includes(known)) {
        const left = deadline - Date.now();
        if (left > 0) {
          await change.within(left);
          continue;
        }
        change.cancel();
      }
      const view = await this.view(caseRef, user).catch((error: unknown) => {
        change.cancel();
        throw error;
      });
      const tag = viewTag(view);
      const left = deadline - Date.now();
      if (left <= 0 || !seen.includes(tag)) {
        change.cancel();
        return { view, tag };
      }
      // No notification tells that a closing run completed (Temporal does), nor anything while none can come.
      const closing = view.stage === 'closed' && view.workflow?.status === 'RUNNING';
      const reRead = closing ? CLOSING_RE_READ_MS : this.changes.listening ? left : RE_READ_MS;
      await change.within(Math.min(left, reRead));
    }
  }

  /**
   * `starting`: the run this request is starting, which has nothing to tell yet that the answer needs: the case is
   * read meanwhile, and the answer waits for the start.
   */
  async view(
    caseRef: string,
    user: StaffPrincipal,
    starting?: Promise<{ runId: string } | undefined>,
  ): Promise<ReturnView> {
    const mark = this.changes.mark();
    const [file, started] = await Promise.all([readCaseFile(this.dataSource.manager, caseRef), starting]);
    if (!file || !covers(user, file.returnCase.programmeCode)) throw new CaseNotFoundError(caseRef);
    caseNamed(caseRef);
    const { returnCase, published, retrying, timeline, document, counselling, pending } = file;
    const { checks, escort, itineraries, accommodation, allowances, plan, tranches, visits } = file;
    // PostgreSQL tells where the return stands. Temporal is asked (a describe: the server, no worker) only what it
    // alone knows: why a run stopped short (the sweeper marks it), and which steps are retried (while the worker has
    // noted a failed attempt). A return whose status no worker wrote yet (started before) is also queried.
    // A run whose case the workflow closed is about to complete: Temporal says when it has, until the sweeper does.
    const closing = published?.status.stage === 'closed';
    const asOfPublished =
      published?.runStatus === 'COMPLETED' || (published?.runStatus === 'RUNNING' && !retrying && !closing);
    const askedAt = new Date();
    const justStarted = Boolean(started) && !published;
    const asksTemporal = Boolean(returnCase.workflowId) && !asOfPublished && !justStarted;
    const { status, execution } = asksTemporal
      ? await this.workflows.status(caseRef, { query: !published })
      : { status: null, execution: null };
    if (retrying && execution) {
      const pending = (execution.raw.pendingActivities ?? []).map((a) => a.activityId ?? '');
      await this.statuses.keepRetrying(caseRef, execution.runId, pending, askedAt);
    }
    const stoppedShort = await this.workflows.abnormalEnd(execution);
    // A workflow stopped short in Temporal no longer speaks for the case: the record does.
    const live = stoppedShort ? null : (published?.status ?? status);
    const view = maskedFor(user, {
      caseRef,
      programmeCode: returnCase.programmeCode,
      policyVersion: returnCase.policyVersion,
      hostCountry: returnCase.hostCountry,
      destinationCountry: returnCase.destinationCountry,
      destinationCity: returnCase.destinationCity,
      targetGroup: returnCase.targetGroup,
      vulnerabilities: returnCase.vulnerabilities,
      // A run started but not yet at its first workflow task is at intake, as the workflow begins: since the case opened.
      stage: live?.stage ?? returnCase.stage ?? (justStarted || execution?.status.name === 'RUNNING' ? 'intake' : null),
      stageSince: live?.stageSince ?? (justStarted ? returnCase.createdAt.toISOString() : null),
      waitingFor: live?.waitingFor ?? null,
      blockedBy: [
        ...(stoppedShort ? [stoppedShort] : []),
        ...blockedBy(execution),
        ...unaskedTravellers(live?.waitingFor ?? null, returnCase),
        ...nightsShort(live?.stage ?? null, accommodation, itineraries),
      ],
      outcome: live?.outcome ?? returnCase.outcome,
      outcomeReason: returnCase.outcomeReason,
      declarationSignedOn: returnCase.declarationSignedOn,
      counselling: counselling.map(({ heldOn, topics, counsellor }) => ({ heldOn, topics, counsellor })),
      persons: returnCase.persons.map(({ role, givenName, familyName, dateOfBirth, nationality }) => ({
        role,
        givenName,
        familyName,
        dateOfBirth,
        nationality,
      })),
      travelDocument: document && {
        documentType: document.documentType,
        documentNumber: maskDocumentNumber(document.documentNumber),
        expiresOn: document.expiresOn,
        recordedBy: document.recordedBy,
        recordedAt: document.recordedAt.toISOString(),
      },
      travelChecks: checks.map(({ check, doneOn, note, recordedBy }) => ({ check, doneOn, note, recordedBy })),
      escort: escort && { kind: escort.kind, givenName: escort.givenName, familyName: escort.familyName },
      itineraries: itineraries.map(({ bookingRef, channel, segments, status }) => ({
        bookingRef,
        channel,
        segments,
        status,
      })),
      accommodation: accommodation && {
        from: accommodation.from,
        until: accommodation.until,
        status: accommodation.status,
      },
      allowances: allowances.map((a) => ({
        givenName: a.givenName,
        amount: a.amount,
        currency: a.currency,
        handedOverAt: a.handedOverAt.toISOString(),
      })),
      reintegration: {
        plan: plan && {
          items: plan.items,
          total: plan.total,
          currency: plan.currency,
          submittedBy: plan.submittedBy,
          approvedBy: plan.approvedBy,
        },
        budget: plan && budgetOf(plan, tranches),
        disbursements: tranches.map((t) => ({
          tranche: t.tranche,
          method: t.method,
          amount: t.amount,
          currency: t.currency,
          status: t.status,
          vendorCategory: t.vendorCategory,
          vendorName: t.vendorName,
          invoiceRef: t.invoiceRef,
          requestedBy: t.requestedBy,
          approvedBy: t.approvedBy,
          voucherCode: t.voucherCode,
          paymentRef: t.paymentRef,
          expiresAt: t.expiresAt?.toISOString() ?? null,
          handoverRef: t.handoverRef,
          cancelledBy: t.cancelledBy,
          cancelReason: t.cancelReason,
        })),
        visits: visits.map((v) => ({
          followUp: v.followUp,
          status: v.status,
          visitedOn: v.visitedOn,
          scores: v.scores,
          policyVersion: v.policyVersion,
          surveyVersion: v.surveyVersion,
          recordedBy: v.recordedBy,
        })),
      },
      pendingSteps: pending.map((p) => ({ step: p.step, since: p.createdAt.toISOString() })),
      workflow: execution
        ? {
            workflowId: execution.workflowId,
            runId: execution.runId,
            status: execution.status.name,
            endedAbnormally: stoppedShort,
          }
        : asOfPublished && returnCase.workflowId
          ? {
              workflowId: returnCase.workflowId,
              runId: published!.runId,
              status: published!.runStatus,
              endedAbnormally: null,
            }
          : justStarted && returnCase.workflowId
            ? { workflowId: returnCase.workflowId, runId: started!.runId, status: 'RUNNING', endedAbnormally: null }
            : null,
      timeline: timeline.map((event) => ({
        at: event.occurredAt.toISOString(),
        kind: event.kind,
        summary: event.summary,
        actor: event.actor,
        actorName: event.actorName,
      })),
    });
    // Only PostgreSQL's changes are notified: a view that asked Temporal (or a run just started) is read again.
    if (!asksTemporal && !justStarted) {
      this.answered.remember(readerOf(caseRef, user), viewTag(view), mark);
    }
    return view;
  }
}

/** Activities that failed and are being retried, with their last error: e.g. a partner missing from the directory. */
function blockedBy(execution: WorkflowExecutionDescription | null): string[] {
  return (execution?.raw.pendingActivities ?? [])
    .filter((activity) => (activity.attempt ?? 0) > 1 && activity.lastFailure?.message)
    .map(
      (activity) => `${activity.activityType?.name}: ${activity.lastFailure!.message} (attempt ${activity.attempt})`,
    );
}
