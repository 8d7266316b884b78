import type { MigrationInterface, QueryRunner } from 'typeorm';
import { notifyCaseChanges, stopNotifyingCaseChanges } from './case-change-triggers';

/** Every other table the case view shows (CaseChangeNotifications watches the first four). */
const WATCHED = [
  'return_cases',
  'case_persons',
  'counselling_sessions',
  'travel_documents',
  'travel_checks',
  'escorts',
  'itineraries',
  'accommodations',
  'return_allowances',
  'reintegration_plans',
  'disbursements',
  'monitoring_visits',
];

/**
 * Every write the case view shows notifies `case_changed`, not only statuses, timeline, steps and retries: an API
 * instance may then answer a wait for a view it answered before without reading it again, as long as no notification
 * came since (a write in the same transaction as another notifies once: PostgreSQL folds equal notifications).
 */
export class CaseViewNotifications1766000000000 implements MigrationInterface {
  name = 'CaseViewNotifications1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await notifyCaseChanges(q, WATCHED);
  }

  async down(q: QueryRunner): Promise<void> {
    await stopNotifyingCaseChanges(q, WATCHED);
  }
}
