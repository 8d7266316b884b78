import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an audited request acted on besides a case (a staff member, a partner, a programme), and its time to the
 * millisecond, as the API shows it: an auditor who pages by a shown time finds the entry at that time.
 */
export class AuditTargets1766600000000 implements MigrationInterface {
  name = 'AuditTargets1766600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "audit_log" ADD "target" varchar(200)`);
    await q.query(`ALTER TABLE "audit_log" ALTER COLUMN "occurred_at" TYPE timestamptz(3)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "audit_log" ALTER COLUMN "occurred_at" TYPE timestamptz`);
    await q.query(`ALTER TABLE "audit_log" DROP COLUMN "target"`);
  }
}
