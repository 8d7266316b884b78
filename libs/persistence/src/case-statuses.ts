import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { stoppedShort, type CaseOpsEntry, type ReturnStatus } from '@avrr/contracts';
import { preparedQuery } from './prepared-query';
import { CaseStatusEntity } from './entities';

export interface PublishedStatus {
  runId: string;
  runStartedAt: Date;
  seq: number;
  status: ReturnStatus;
  ops: CaseOpsEntry | null;
}

/** Each return's status as its workflow published it: written by the worker, read by the case view. */
@Injectable()
export class CaseStatuses {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Keeps the latest change: one from an earlier run, or an earlier change of the same run (a worker that lost its
   * task and wrote late), leaves the row as it is. The same change written again (a retried task) overwrites it, and
   * so does any change of another run once the row's run is closed.
   */
  async record(published: PublishedStatus): Promise<void> {
    const { runId, runStartedAt, seq, status, ops } = published;
    await preparedQuery(
      this.dataSource.manager,
      `INSERT INTO case_statuses
         (case_ref, run_id, run_started_at, seq, run_status, status, waiting_on, due_at, failing_step)
       VALUES ($1, $2, $3, $4, 'RUNNING', $5, $6, $7, $8)
       ON CONFLICT (case_ref) DO UPDATE SET run_id = EXCLUDED.run_id, run_started_at = EXCLUDED.run_started_at,
         seq = EXCLUDED.seq, status = EXCLUDED.status,
         -- A run found closed stays so, whatever a late write of that run says.
         run_status = CASE WHEN case_statuses.run_id = EXCLUDED.run_id THEN case_statuses.run_status
           ELSE EXCLUDED.run_status END,
         waiting_on = EXCLUDED.waiting_on, due_at = EXCLUDED.due_at, failing_step = EXCLUDED.failing_step,
         updated_at = now()
       WHERE (case_statuses.run_started_at, case_statuses.seq) <= (EXCLUDED.run_started_at, EXCLUDED.seq)
         -- A run reset from a closed one (temporal workflow reset) starts when it did, and counts its changes from
         -- the event it was reset to: it takes the place of the run Temporal closed.
         OR (case_statuses.run_id <> EXCLUDED.run_id AND case_statuses.run_status <> 'RUNNING')`,
      [
        status.caseRef,
        runId,
        runStartedAt,
        seq,
        JSON.stringify(status),
        ops?.waitingOn ?? null,
        ops?.dueAt ?? null,
        ops?.failingStep ?? null,
      ],
    );
  }

  /**
   * Runs that Temporal says closed: completed, or stopped short (terminated, failed, timed out, cancelled), which the
   * case's timeline says, once per run.
   */
  async recordClosed(runs: { runId: string; status: string }[]): Promise<void> {
    if (runs.length === 0) return;
    // The timeline's line for a run stopped short, in the words the case view uses for it.
    const lines = runs.map((run) => {
      const how = stoppedShort(run.status);
      return how && `${how[0].toUpperCase()}${how.slice(1)}`;
    });
    // Rows locked in case order: API instances sweeping the same runs at once never deadlock.
    await this.dataSource.query(
      `WITH closed AS (
         SELECT s.case_ref, s.run_id, c.status, c.line FROM case_statuses s
         JOIN unnest($1::varchar[], $2::varchar[], $3::text[]) AS c (run_id, status, line) ON s.run_id = c.run_id
         WHERE s.run_status = 'RUNNING' ORDER BY s.case_ref FOR UPDATE OF s
       ),
       stopped AS (
         INSERT INTO case_timeline (case_ref, kind, summary, actor, idempotency_key)
         SELECT case_ref, 'workflow-stopped', line, 'system', 'run-closed/' || run_id FROM closed WHERE line IS NOT NULL
         ON CONFLICT DO NOTHING
       )
       UPDATE case_statuses s SET run_status = closed.status, updated_at = now()
       FROM closed WHERE s.case_ref = closed.case_ref AND s.run_status = 'RUNNING'`,
      [runs.map((run) => run.runId), runs.map((run) => run.status), lines],
    );
  }

  /** An attempt of the run's activity failed and Temporal retries it. */
  async retrying(caseRef: string, runId: string, activityId: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO case_retries (run_id, activity_id, case_ref) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [runId, activityId, caseRef],
    );
  }

  /** The run's activity succeeded, or failed for good: it is no longer retried. */
  async settled(runId: string, activityId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM case_retries WHERE run_id = $1 AND activity_id = $2`, [runId, activityId]);
  }

  /**
   * Drops the case's notes of retried activities that Temporal, asked at `askedAt`, no longer shows pending in
   * `runId` (one that failed for good after its last attempt leaves its note behind).
   */
  async keepRetrying(caseRef: string, runId: string, pendingActivityIds: string[], askedAt: Date): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM case_retries WHERE case_ref = $1 AND since < $4 AND NOT (run_id = $2 AND activity_id = ANY($3))`,
      [caseRef, runId, pendingActivityIds, askedAt],
    );
  }

  find(caseRef: string): Promise<CaseStatusEntity | null> {
    return this.dataSource.manager.findOneBy(CaseStatusEntity, { caseRef });
  }
}
