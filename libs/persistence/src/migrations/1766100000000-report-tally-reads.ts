import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createNotifyFunction } from './case-change-triggers';

/**
 * Reports are summed from the tallies, and the API remembers a report until its programmes' tallies change: each
 * write to a tally notifies `tallies_changed` with its programme (delivered at commit; PostgreSQL folds the equal
 * notifications of one transaction). Summing a few thousand tallies, a parallel plan spends more starting its workers
 * than it saves (13 ms against 8 ms over 100,000 cases on 2 cores): the table is never scanned in parallel.
 */
export class ReportTallyReads1766100000000 implements MigrationInterface {
  name = 'ReportTallyReads1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await createNotifyFunction(q, 'notify_tallies_changed', 'tallies_changed', 'programme_code');
    await q.query(
      `CREATE TRIGGER report_tallies_changed AFTER INSERT OR UPDATE OR DELETE ON report_tallies
       FOR EACH ROW EXECUTE FUNCTION notify_tallies_changed()`,
    );
    await q.query(`ALTER TABLE report_tallies SET (parallel_workers = 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE report_tallies RESET (parallel_workers)`);
    await q.query(`DROP TRIGGER report_tallies_changed ON report_tallies`);
    await q.query(`DROP FUNCTION notify_tallies_changed()`);
  }
}
