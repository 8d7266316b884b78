import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import {
  CaseRecords,
  CaseStepEntity,
  preparedQuery,
  projectLiveCase,
  readLiveCase,
  timelineInsert,
  type ReturnCaseEntity,
} from '@avrr/persistence';
import type { StaffPrincipal } from '../auth/principal';
import { covers } from '../auth/programme-scope';
import {
  CaseNotFoundError,
  ConflictError,
  DomainError,
  OrchestratorUnavailableError,
  StepNotAllowedError,
  StepNotYetError,
} from '../errors/domain-errors';
import { CaseViews } from '../returns/case-views';
import type { ReturnView } from '../returns/return-view';
import { ReturnWorkflows, type HumanStep, type StepOutcome, type StepPayload } from '../returns/return-workflows';
import { isDerived, keyAsSent, stepKey } from './step-request';
import { StepWrites, undoRows } from './step-writes';
import { ANSWER_KEPT_FOR, firstAnswer, type KeptAnswer } from './step-answers';
import { caseNamed } from '../logging/case-ref-of';

/** What a step needs of its case: whose it is, its workflow, and where it stands. */
type CaseScope = Pick<ReturnCaseEntity, 'programmeCode' | 'workflowId' | 'stage' | 'outcome' | 'outcomeReason'>;

const UNIQUE_VIOLATION = '23505';

/**
 * The seam between the API and a return's workflow: every staff step is recorded, decided and answered here.
 *
 * 1. Write, in one short transaction with the case row locked: the step's rows, and its ledger row (`case_steps`),
 *    pending under the case and the request's `Idempotency-Key` (derived from the request when the client sends
 *    none), with the update it sends. Activities the step sets off find these rows. A step with no rows of its own
 *    (an arrival, a withdrawal) writes its ledger row alone, in one statement.
 * 2. Decide: the update goes to the workflow under the ledger's update id, with a deadline. Temporal answers a
 *    repeated update id with the first one's outcome, so a step sent twice is recorded once.
 * 3. Settle: accepted, the timeline's line (one statement); refused, the rows taken back (a short transaction).
 *
 * No transaction is open while Temporal answers. Past the deadline (no worker, Temporal down) the answer is 503 with
 * Retry-After and the step stays pending: the client's retry with the same key, or the sweeper, settles it. The same
 * key with the same request always gets the same answer (the case's view as first answered, for a day, or the same
 * 409); with another request, 409 naming the header. Without one, a request repeated under the same `X-Request-Id` is
 * answered as a repeat, and any other request is a step of its own; a refusal under such a derived key is not kept.
 */
@Injectable()
export class CaseSteps {
  constructor(
    private readonly dataSource: DataSource,
    private readonly caseRecords: CaseRecords,
    private readonly workflows: ReturnWorkflows,
    private readonly views: CaseViews,
  ) {}

  async record<K extends HumanStep>(
    caseRef: string,
    user: StaffPrincipal,
    step: K,
    payload: StepPayload<K>,
    /**
     * Writes the step's rows (and may complete `payload`); answers the timeline's line for it. For a step that writes
     * no rows of its own, that line alone.
     */
    write: StepWrite | string,
  ): Promise<ReturnView> {
    const since = Date.now();
    const { key, fingerprint } = stepKey(caseRef, step, user.id, payload);
    const found = await this.caseAndStep(caseRef, key);
    // Outside the user's grant a case does not exist (404, as a missing one), so case references cannot be probed.
    if (!found || !covers(user, found.returnCase.programmeCode)) throw new CaseNotFoundError(caseRef);
    caseNamed(caseRef);
    const { returnCase } = found;
    let entry = found.recorded;
    if (!entry) {
      if (!returnCase.workflowId || returnCase.stage === 'closed') {
        throw new StepNotAllowedError(`case ${caseRef} is closed: ${returnCase.outcomeReason ?? returnCase.outcome}`);
      }
      entry = await this.write(caseRef, user, step, payload, key, fingerprint, write);
    }
    if (entry.fingerprint !== fingerprint) {
      throw new ConflictError(`${keyAsSent(key)} was used for another request on case ${caseRef}`);
    }
    entry = await this.settle(entry, { since });
    if (entry.status === 'refused') throw new StepNotAllowedError(entry.refusal ?? 'the step was refused');
    return firstAnswer(this.dataSource.manager, { caseRef, key, kept: found.answer }, user, () =>
      this.views.view(caseRef, user),
    );
  }

  /** The case's state, and the step recorded under `key` if there is one, in one round trip. */
  private async caseAndStep(
    caseRef: string,
    key: string,
  ): Promise<{ returnCase: CaseScope; recorded: CaseStepEntity | null; answer: KeptAnswer | null } | null> {
    type StepRow = Omit<CaseStepEntity, 'createdAt' | 'settledAt'> & { createdAt: string; settledAt: string | null };
    const [row] = await preparedQuery<CaseScope & { recorded: StepRow | null; answer: KeptAnswer | null }>(
      this.dataSource.manager,
      `SELECT c.programme_code AS "programmeCode", c.workflow_id AS "workflowId", c.stage, c.outcome,
         c.outcome_reason AS "outcomeReason",
         (SELECT json_build_object('caseRef', s.case_ref, 'idempotencyKey', s.idempotency_key, 'updateId', s.update_id,
            'step', s.step, 'fingerprint', s.fingerprint, 'actor', s.actor, 'payload', s.payload, 'summary', s.summary,
            'undo', s.undo, 'status', s.status, 'refusal', s.refusal, 'createdAt', s.created_at,
            'settledAt', s.settled_at)
          FROM case_steps s WHERE s.case_ref = c.case_ref AND s.idempotency_key = $2) AS recorded,
         (SELECT json_build_object('answer', a.answer, 'answeredFor', a.answered_for)
          FROM step_answers a WHERE a.case_ref = c.case_ref AND a.idempotency_key = $2
            AND a.created_at > now() - interval '${ANSWER_KEPT_FOR}') AS answer
       FROM return_cases c WHERE c.case_ref = $1`,
      [caseRef, key],
    );
    if (!row) return null;
    const { recorded, answer, ...returnCase } = row;
    const at = (time: string | null) => (time === null ? null : new Date(time));
    return {
      returnCase,
      answer,
      recorded:
        recorded &&
        Object.assign(new CaseStepEntity(), recorded, {
          createdAt: at(recorded.createdAt),
          settledAt: at(recorded.settledAt),
        }),
    };
  }

  /**
   * Sends a pending step to its workflow (again) and records the outcome; a settled step is returned as it is. The
   * sweeper leaves a step pending when it finds no running workflow (it may be looking in another namespace, or
   * Temporal may not know the run yet): only the client's own request settles that refusal.
   */
  async settle(
    entry: CaseStepEntity,
    { sweeping = false, since = Date.now() }: { sweeping?: boolean; since?: number } = {},
  ): Promise<CaseStepEntity> {
    if (entry.status !== 'pending') return entry;
    const outcome = await this.workflows.decide(
      entry.caseRef,
      entry.step as HumanStep,
      entry.updateId,
      { ...entry.payload, recordedBy: entry.actor },
      since,
    );
    // A return stopped short may be revived (a reset): its steps wait for it. One that completed takes none any more.
    if (sweeping && !outcome.accepted && outcome.notRunning === 'stopped') return entry;
    // Refused for now under the client's key: the step stays pending, decided again by the client's retry or the
    // sweeper. Taking its rows back here would race a retry that the workflow accepts meanwhile.
    if (!outcome.accepted && outcome.transient && !isDerived(entry.idempotencyKey)) {
      throw new StepNotYetError(outcome.reason);
    }
    const settled = await this.recordDecision(entry, outcome).catch((error: unknown) => {
      if (error instanceof DomainError) throw error;
      // The workflow decided, but its decision could not be written: the step stays pending, to be settled again.
      throw new OrchestratorUnavailableError(
        'the step was decided but not yet recorded: send it again with the same Idempotency-Key',
      );
    });
    if (!outcome.accepted && outcome.transient) throw new StepNotYetError(outcome.reason);
    return settled;
  }

  /** Writes the workflow's decision on a pending step: its timeline line, or its rows taken back. */
  private async recordDecision(entry: CaseStepEntity, outcome: StepOutcome): Promise<CaseStepEntity> {
    // A return stopped short may be revived: its refusal is not kept, so the same request may be sent again then.
    if (!outcome.accepted) return this.recordRefusal(entry, outcome.reason, outcome.notRunning !== 'stopped');
    const kind = `${kebab(entry.step)}-recorded`;
    const eventKey = `step/${entry.updateId}`;
    const line = timelineInsert(
      { caseRef: entry.caseRef, kind, summary: entry.summary, actor: entry.actor, idempotencyKey: eventKey },
      4,
      'settled',
    );
    // The step accepted, its line in the timeline and the projection's read of the case, in one statement; not
    // settled when another request settled it. The line is dated when staff recorded the step (its pending row), so
    // it comes before what the workflow did because of it, however late it is settled.
    const live = await readLiveCase<{ settledAt: Date | null }>(this.dataSource.manager, entry.caseRef, eventKey, {
      sql: `WITH settled AS (
         UPDATE case_steps SET status = 'accepted', refusal = NULL, settled_at = now()
         WHERE case_ref = $1 AND idempotency_key = $3 AND status = 'pending'
         RETURNING settled_at, created_at AS occurred_at
       ),
       added AS (${line.sql})`,
      parameters: [entry.idempotencyKey, ...line.parameters],
      columns: `(SELECT settled_at FROM settled) AS "settledAt"`,
    });
    if (!live?.settledAt) return (await this.dataSource.manager.findOneBy(CaseStepEntity, stepRow(entry))) ?? entry;
    await projectLiveCase(this.dataSource.manager, entry.caseRef, kind, eventKey, live);
    return Object.assign(new CaseStepEntity(), entry, {
      status: 'accepted',
      refusal: null,
      settledAt: live.settledAt,
    });
  }

  /**
   * A refusal takes the step's rows back; under a key of the client's, the refusal is kept to be answered again unless
   * it is not for good (`keep` false).
   */
  private recordRefusal(entry: CaseStepEntity, reason: string, keep: boolean): Promise<CaseStepEntity> {
    return this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(CaseStepEntity, {
        where: stepRow(entry),
        lock: { mode: 'pessimistic_write' },
      });
      if (!current || current.status !== 'pending') return current ?? entry;
      await undoRows(manager, current.undo);
      if (isDerived(current.idempotencyKey) || !keep) {
        // Refused under no key of the client's, or for now: nothing is kept, so the same request sent later is decided
        // afresh.
        await manager.delete(CaseStepEntity, stepRow(current));
        return Object.assign(current, { status: 'refused', refusal: reason });
      }
      const settledAt = new Date();
      await manager.update(CaseStepEntity, stepRow(current), { status: 'refused', refusal: reason, settledAt });
      return Object.assign(current, { status: 'refused', refusal: reason, settledAt });
    });
  }

  private async write<K extends HumanStep>(
    caseRef: string,
    user: StaffPrincipal,
    step: K,
    payload: StepPayload<K>,
    key: string,
    fingerprint: string,
    write: StepWrite | string,
  ): Promise<CaseStepEntity> {
    const entry = (summary: string, undo: StepWrites['undo']) =>
      this.dataSource.manager.create(CaseStepEntity, {
        caseRef,
        idempotencyKey: key,
        updateId: `${step}/${randomUUID()}`,
        step,
        fingerprint,
        actor: user.id,
        payload: payload as Record<string, unknown>,
        summary,
        undo,
        status: 'pending',
        refusal: null,
        settledAt: null,
      });
    // Inserted, never looked up first: the key (and the case's lock) rule out a row already there; a request sent
    // twice at once fails on the key, and finds the first's row (below).
    const insert = async (manager: EntityManager, pending: CaseStepEntity) => {
      const [{ createdAt }] = await preparedQuery<{ createdAt: Date }>(
        manager,
        `INSERT INTO case_steps (case_ref, idempotency_key, update_id, step, fingerprint, actor, payload, summary, undo,
           status, refusal, settled_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING created_at AS "createdAt"`,
        [
          pending.caseRef,
          pending.idempotencyKey,
          pending.updateId,
          pending.step,
          pending.fingerprint,
          pending.actor,
          JSON.stringify(pending.payload),
          pending.summary,
          JSON.stringify(pending.undo),
          pending.status,
          pending.refusal,
          pending.settledAt,
        ],
      );
      return Object.assign(pending, { createdAt });
    };
    try {
      // A step without rows of its own has nothing to lock the case for: its ledger row alone.
      if (typeof write === 'string') return await insert(this.dataSource.manager, entry(write, []));
      return await this.dataSource.transaction(async (manager) => {
        const returnCase = (await this.caseRecords.findCase(caseRef, manager, { lock: true }))!;
        const writes = new StepWrites(manager);
        const summary = await write(writes, returnCase);
        return insert(manager, entry(summary, writes.undo));
      });
    } catch (error) {
      // The same key sent twice at once: the second finds the first's row, whether it failed on the key or on a rule
      // the first's rows changed meanwhile (a tranche the first approved no longer waits for approval).
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION && !(error instanceof DomainError)) throw error;
      const first = await this.dataSource.manager.findOneBy(CaseStepEntity, { caseRef, idempotencyKey: key });
      if (!first) throw error;
      return first;
    }
  }
}

/** Writes a step's rows, in a transaction with its case locked; answers the timeline's line for it. */
type StepWrite = (writes: StepWrites, returnCase: ReturnCaseEntity) => Promise<string>;

const stepRow = (step: CaseStepEntity) => ({ caseRef: step.caseRef, idempotencyKey: step.idempotencyKey });

const kebab = (step: string) => step.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
