import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CaseOutcome, FlightSegment, ReturnStage } from '@avrr/contracts';
import { preparedQuery } from './prepared-query';
import { CasePersonEntity, EscortEntity, ItineraryEntity, ReturnCaseEntity, TimelineEventEntity } from './entities';
import { projectLiveCase, readLiveCase, type LiveCase } from './reporting/live-facts';

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
 * (a `WITH` query of the same statement), inserted once for each row it answers, dated by its `occurred_at` column.
 */
export function timelineInsert(
  event: NewTimelineEvent,
  first: number,
  from?: string,
): { sql: string; parameters: unknown[] } {
  const values = placeholders(first, 5);
  return {
    sql: from
      ? `INSERT INTO case_timeline (case_ref, kind, summary, actor, idempotency_key, occurred_at)
      SELECT ${values}, occurred_at FROM ${from} ON CONFLICT DO NOTHING`
      : `INSERT INTO case_timeline (case_ref, kind, summary, actor, idempotency_key)
      VALUES (${values}) ON CONFLICT DO NOTHING`,
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

/**
 * The lock a step's writes take on its case row: against other steps of the case, not against the rows that refer to
 * the case. `FOR UPDATE` also blocked every insert of a row referring to the case (its foreign-key check), and two
 * requests under one key deadlocked: one settling its step (its timeline line), the other inserting the same key.
 */
const LOCKED = ' FOR NO KEY UPDATE';

/** SQL: true once the case `caseRef` (a parameter) is withdrawn, as CaseRecords.isWithdrawn tells. */
export function withdrawn(caseRef: string): string {
  return `EXISTS (SELECT 1 FROM return_cases WHERE case_ref = ${caseRef} AND outcome = 'withdrawn'
    UNION ALL
    SELECT 1 FROM case_steps WHERE case_ref = ${caseRef} AND step = 'withdrawal' AND status IN ('pending', 'accepted'))`;
}

/** Reads and writes of a case and its timeline, shared by the API and the activities. */
@Injectable()
export class CaseRecords {
  constructor(private readonly dataSource: DataSource) {}

  /** `lock`: the case row is locked (LOCKED) until the end of `manager`'s transaction. */
  async findCase(
    caseRef: string,
    manager: EntityManager = this.dataSource.manager,
    { lock = false } = {},
  ): Promise<ReturnCaseEntity | null> {
    const [row] = await preparedQuery<ReturnCaseEntity>(manager, `${FIND_CASE}${lock ? LOCKED : ''}`, [caseRef]);
    if (!row) return null;
    const persons = (row.persons as CasePersonEntity[]).map((person) => Object.assign(new CasePersonEntity(), person));
    return Object.assign(new ReturnCaseEntity(), row, { persons });
  }

  /** The medical or humanitarian escort named with the flights, if the case has one. */
  findEscort(caseRef: string): Promise<EscortEntity | null> {
    return this.dataSource.manager.findOneBy(EscortEntity, { caseRef });
  }

  /** The flights the case is booked on now (its latest booking not cancelled), if any. */
  async bookedFlights(caseRef: string): Promise<FlightSegment[]> {
    const booked = await this.dataSource.manager.findOne(ItineraryEntity, {
      where: { caseRef, status: 'booked' },
      order: { bookedAt: 'DESC' },
    });
    return booked?.segments ?? [];
  }

  /** The stage and its line in the timeline, written in one statement with the projection's read. */
  async recordStage(caseRef: string, stage: ReturnStage, idempotencyKey: string): Promise<void> {
    await this.writeWithEvent(
      (first) => ({
        sql: `UPDATE return_cases SET stage = $${first}, updated_at = now() WHERE case_ref = $1`,
        parameters: [stage],
      }),
      { caseRef, kind: 'stage-entered', summary: `Entered stage ${stage}`, actor: SYSTEM_ACTOR, idempotencyKey },
      (live) => ({ ...live, stage }),
    );
  }

  /** The outcome, withdrawn, before the case closes: its cancellations wait for a partner that is down. */
  async recordWithdrawn(caseRef: string, idempotencyKey: string): Promise<void> {
    await this.writeWithEvent(
      () => ({
        sql: `UPDATE return_cases SET outcome = 'withdrawn', updated_at = now() WHERE case_ref = $1`,
        parameters: [],
      }),
      {
        caseRef,
        kind: 'withdrawal-decided',
        summary: 'Withdrawn: the case closes once what was booked is cancelled',
        actor: SYSTEM_ACTOR,
        idempotencyKey,
      },
      (live) => ({ ...live, outcome: 'withdrawn' }),
    );
  }

  /** Closes the case: stage, outcome, reason and time, with the reason in the timeline, in one statement. */
  async recordClosure(caseRef: string, outcome: CaseOutcome, reason: string, idempotencyKey: string): Promise<void> {
    // The time is set here, so that the closure's figures count the day the case holds.
    const now = new Date();
    await this.writeWithEvent(
      (first) => ({
        sql: `UPDATE return_cases SET stage = 'closed', outcome = $${first}, outcome_reason = $${first + 1},
            closed_at = COALESCE(closed_at, $${first + 2}), updated_at = now()
          WHERE case_ref = $1`,
        parameters: [outcome, reason, now],
      }),
      { caseRef, kind: 'case-closed', summary: `Closed (${outcome}): ${reason}`, actor: SYSTEM_ACTOR, idempotencyKey },
      (live) => ({
        ...live,
        stage: 'closed',
        outcome,
        outcomeReason: reason,
        closedOn: live.closedOn ?? now.toISOString().slice(0, 10),
      }),
    );
  }

  /**
   * True once a withdrawal is recorded (pending the workflow's decision, or accepted) or the case closed withdrawn:
   * from then on no partner is asked anything about the returnee.
   */
  async isWithdrawn(caseRef: string): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT ${withdrawn('$1')} AS withdrawn`, [caseRef]);
    return row.withdrawn;
  }

  /**
   * Adds the event and brings the case's reporting figures up to date: in the caller's transaction when given one,
   * else the event and the projection's read of the case go in one statement (see projectLiveCase).
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
   * statement: `makes` tells what the write changes of what it reads (a stage, a closure), where that counts.
   * The write's parameters are numbered from `first`; `$1` is the case reference.
   */
  async writeWithEvent(
    write: CaseWrite | null,
    event: NewTimelineEvent,
    makes: (live: LiveCase) => LiveCase = (live) => live,
  ): Promise<void> {
    const key = event.idempotencyKey ?? null;
    const insert = timelineInsert(event, 3);
    const also = write?.(3 + insert.parameters.length);
    const live = await readLiveCase(this.dataSource.manager, event.caseRef, key, {
      sql: `WITH added AS (${insert.sql})${also ? `, written AS (${also.sql})` : ''}`,
      parameters: [...insert.parameters, ...(also?.parameters ?? [])],
    });
    // No case row: nothing to project (and nothing was written).
    if (live) await projectLiveCase(this.dataSource.manager, event.caseRef, event.kind, key, makes(live));
  }

  timeline(caseRef: string): Promise<TimelineEventEntity[]> {
    return this.dataSource.manager.find(TimelineEventEntity, {
      where: { caseRef },
      order: { occurredAt: 'ASC', id: 'ASC' },
    });
  }
}
