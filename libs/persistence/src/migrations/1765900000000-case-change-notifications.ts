import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createNotifyFunction, notifyCaseChanges, stopNotifyingCaseChanges } from './case-change-triggers';

const WATCHED = ['case_statuses', 'case_timeline', 'case_steps', 'case_retries'];

/**
 * A case's view changes when its workflow publishes a status, an event joins its timeline, a step awaits its
 * workflow's decision, or an activity is retried: each such write notifies `case_changed` with the case reference
 * (delivered at commit), so a case view asked to wait for a change (`Prefer: wait`) answers as soon as there is one.
 */
export class CaseChangeNotifications1765900000000 implements MigrationInterface {
  name = 'CaseChangeNotifications1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await createNotifyFunction(q, 'notify_case_changed', 'case_changed', 'case_ref');
    await notifyCaseChanges(q, WATCHED);
  }

  async down(q: QueryRunner): Promise<void> {
    await stopNotifyingCaseChanges(q, WATCHED);
    await q.query(`DROP FUNCTION notify_case_changed()`);
  }
}
