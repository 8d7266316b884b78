import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CaseOutcome, ReturnStage } from '@avrr/contracts';
import { CasePersonEntity, ReturnCaseEntity, TimelineEventEntity } from './entities';
import { projectLiveCase, projectLiveCaseAfter, readLiveCase } from './reporting/live-facts';

export interface NewTimelineEvent {
  caseRef: string;
  kind: string;
  summary: string;
  /** A staff member's id, or "system" for what the workflow did. */
  actor: string;
  /** Set by activities so that a retried activity records its event once. */
  idempotencyKey?: string;
}

export const SYSTEM_ACTOR = 'system';

/** A data-modifying SQL statement (no RETURNING), its parameters numbered from `first`. */
export type CaseWrite = (first: number) => { sql: string; parameters: unknown[] };

/** `$first, $first+1, …` for `count` parameters. */
export function placeholders(first: number, count: number): string {
  return Array.from({ length: count }, (_, i) => `$${first + i}`).join(', ');
}

/**
 * The event's insert (a repeated idempotency key adds nothing), its parameters numbered from `first`; with `from`
 * (a `WITH` query of the same statement), inserted once for each row it answers.
 */
export function timelineInsert(
  event: NewTimelineEvent,
  first: number,
  from?: string,
): { sql: string; parameters: unknown[] } {
  const values = placeholders(first, 5);
  return {
    sql: `INSERT INTO case_timeline (case_ref, kind, summary, actor, idempotency_key)
      ${from ? `SELECT ${values} FROM ${from}` : `VALUES (${values})`} ON CONFLICT DO NOTHING`,
    parameters: [event.caseRef, event.kind, event.summary, event.actor, event.idempotencyKey ?? null],
  };
}

/** A case and its persons (returnee first, then by age) in one statement, with the entities' fields and types. */
const FIND_CASE = `SELECT c.case_ref AS "caseRef", c.programme_code AS "programmeCode", c.policy_version AS "policyVersion",
    c.host_country AS "hostCountry", c.destination_country AS "destinationCountry",
    c.destination_city AS "destinationCity", c.has_valid_travel_document AS "hasValidTravelDocument",
    c.target_group AS "targetGroup", c.vulnerabilities, c.outcome, c.outcome_reason AS "outcomeReason",
    c.closed_at AS "closedAt", to_char(c.declaration_signed_on, 'YYYY-MM-DD') AS "declarationSignedOn",
    c.declaration_recorded_by AS "declarationRecordedBy", c.stage, c.workflow_id AS "workflowId",
    c.created_at AS "createdAt", c.updated_at AS "updatedAt",
    (SELECT coalesce(json_agg(json_build_object('id', p.id, 'caseRef', p.case_ref, 'role', p.role,
        'givenName', p.given_name, 'familyName', p.family_name, 'dateOfBirth', p.date_of_birth,
        'nationality', p.nationality, 'sex', p.sex) ORDER BY p.role DESC, p.date_of_birth ASC), '[]')
      FROM case_persons p WHERE p.case_ref = c.case_ref) AS persons
  FROM return_cases c WHERE c.case_ref = $1`;

/** Reads and writes of a case and its timeline, shared by the API and the activities. */
@Injectable()
export class CaseRecords {
  constructor(private readonly dataSource: DataSource) {}

  /** `lock`: the case row is locked (FOR UPDATE) until the end of `manager`'s transaction. */
  async findCase(
    caseRef: string,
    manager: EntityManager = this.dataSource.manager,
    { lock = false } = {},
  ): Promise<ReturnCaseEntity | null> {
    const [row] = await manager.query(`${FIND_CASE}${lock ? ' FOR UPDATE' : ''}`, [caseRef]);
    if (!row) return null;
    const persons = (row.persons as CasePersonEntity[]).map((person) => Object.assign(new CasePersonEntity(), person));
    return Object.assign(new ReturnCaseEntity(), row, { persons });
  }

  /** The stage and its line in the timeline, written in one statement. */
  async recordStage(caseRef: string, stage: ReturnStage, idempotencyKey: string): Promise<void> {
    const event = {
      caseRef,
      kind: 'stage-entered',
      summary: `Entered stage ${stage}`,
      actor: SYSTEM_ACTOR,
      idempotencyKey,
    };
    const insert = timelineInsert(event, 2);
    await this.dataSource.query(
      `WITH staged AS (UPDATE return_cases SET stage = $1, updated_at = now() WHERE case_ref = $2) ${insert.sql}`,
      [stage, ...insert.parameters],
    );
    await projectLiveCaseAfter(this.dataSource, caseRef, event.kind, idempotencyKey);
  }

  /** Closes the case: stage, outcome, reason and time, with the reason in the timeline, in one statement. */
  async recordClosure(caseRef: string, outcome: CaseOutcome, reason: string, idempotencyKey: string): Promise<void> {
    const event = {
      caseRef,
      kind: 'case-closed',
      summary: `Closed (${outcome}): ${reason}`,
      actor: SYSTEM_ACTOR,
      idempotencyKey,
    };
    const insert = timelineInsert(event, 3);
    await this.dataSource.query(
      `WITH closed AS (
         UPDATE return_cases SET stage = 'closed', outcome = $1, outcome_reason = $2,
           closed_at = COALESCE(closed_at, now()), updated_at = now()
         WHERE case_ref = $3)
       ${insert.sql}`,
      [outcome, reason, ...insert.parameters],
    );
    await projectLiveCaseAfter(this.dataSource, caseRef, event.kind, idempotencyKey);
  }

  /**
   * True once a withdrawal is recorded (pending the workflow's decision, or accepted) or the case closed withdrawn:
   * from then on no partner is asked anything about the returnee.
   */
  async isWithdrawn(caseRef: string): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT 1 FROM return_cases WHERE case_ref = $1 AND outcome = 'withdrawn'
       UNION ALL
       SELECT 1 FROM case_steps WHERE case_ref = $1 AND step = 'withdrawal' AND status IN ('pending', 'accepted')
       LIMIT 1`,
      [caseRef],
    );
    return row !== undefined;
  }

  /**
   * Adds the event and brings the case's reporting figures up to date: in the caller's transaction when given one,
   * else the event and the projection's read of the case go in one statement (see projectLiveCaseAfter).
   */
  async addTimelineEvent(event: NewTimelineEvent, manager?: EntityManager): Promise<void> {
    if (manager?.queryRunner?.isTransactionActive) {
      const insert = timelineInsert(event, 1);
      await manager.query(insert.sql, insert.parameters);
      await projectLiveCase(manager, event.caseRef, event.kind, event.idempotencyKey ?? null);
      return;
    }
    await this.writeWithEvent(null, event);
  }

  /**
   * A write of the case's rows and the timeline event that tells of it, in one statement (both or neither), with the
   * projection's read of the case; then the facts not yet counted are. The read sees the case as it was before the
   * statement: a write whose rows make a reporting fact true (a stage, a closure) is not one for here.
   */
  async writeWithEvent(write: CaseWrite | null, event: NewTimelineEvent): Promise<void> {
    const key = event.idempotencyKey ?? null;
    const insert = timelineInsert(event, 3);
    const also = write?.(3 + insert.parameters.length);
    const live = await readLiveCase(this.dataSource.manager, event.caseRef, key, {
      sql: `WITH added AS (${insert.sql})${also ? `, written AS (${also.sql})` : ''}`,
      parameters: [...insert.parameters, ...(also?.parameters ?? [])],
    });
    await projectLiveCaseAfter(this.dataSource, event.caseRef, event.kind, key, live);
  }

  timeline(caseRef: string): Promise<TimelineEventEntity[]> {
    return this.dataSource.manager.find(TimelineEventEntity, {
      where: { caseRef },
      order: { occurredAt: 'ASC', id: 'ASC' },
    });
  }
}
