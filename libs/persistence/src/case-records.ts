import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CaseOutcome, ReturnStage } from '@avrr/contracts';
import { ReturnCaseEntity, TimelineEventEntity } from './entities';
import { projectLiveCase } from './reporting/live-facts';

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

/** Reads and writes of a case and its timeline, shared by the API and the activities. */
@Injectable()
export class CaseRecords {
  constructor(private readonly dataSource: DataSource) {}

  async findCase(caseRef: string, manager: EntityManager = this.dataSource.manager): Promise<ReturnCaseEntity | null> {
    // find, not findOne: by primary key there is one case, and findOne with a relation costs a second query.
    const [found] = await manager.find(ReturnCaseEntity, {
      where: { caseRef },
      relations: { persons: true },
      order: { persons: { role: 'DESC', dateOfBirth: 'ASC' } },
    });
    return found ?? null;
  }

  async recordStage(caseRef: string, stage: ReturnStage, idempotencyKey: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(ReturnCaseEntity, { caseRef }, { stage });
      await this.addTimelineEvent(
        { caseRef, kind: 'stage-entered', summary: `Entered stage ${stage}`, actor: SYSTEM_ACTOR, idempotencyKey },
        manager,
      );
    });
  }

  /** Closes the case: stage, outcome, reason and time, with the reason in the timeline. */
  async recordClosure(caseRef: string, outcome: CaseOutcome, reason: string, idempotencyKey: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .update(ReturnCaseEntity)
        .set({ stage: 'closed', outcome, outcomeReason: reason, closedAt: () => 'COALESCE(closed_at, now())' })
        .where({ caseRef })
        .execute();
      await this.addTimelineEvent(
        {
          caseRef,
          kind: 'case-closed',
          summary: `Closed (${outcome}): ${reason}`,
          actor: SYSTEM_ACTOR,
          idempotencyKey,
        },
        manager,
      );
    });
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

  /** Adds the event and, in the same transaction, brings the case's reporting figures up to date. */
  async addTimelineEvent(event: NewTimelineEvent, manager?: EntityManager): Promise<void> {
    if (!manager?.queryRunner?.isTransactionActive) {
      return this.dataSource.transaction((inTransaction) => this.addTimelineEvent(event, inTransaction));
    }
    await manager
      .createQueryBuilder()
      .insert()
      .into(TimelineEventEntity)
      .values({ ...event, idempotencyKey: event.idempotencyKey ?? null })
      .orIgnore()
      .execute();
    await projectLiveCase(manager, event.caseRef, event.kind, event.idempotencyKey ?? null);
  }

  timeline(caseRef: string): Promise<TimelineEventEntity[]> {
    return this.dataSource.manager.find(TimelineEventEntity, {
      where: { caseRef },
      order: { occurredAt: 'ASC', id: 'ASC' },
    });
  }
}
