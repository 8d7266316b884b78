import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why a tranche was cancelled unpaid, and by whom: finance declining it, staff withdrawing it, the payment provider
 * refusing it, or the closure. Kept on the tranche, as its request and approval are.
 */
export class TrancheCancellations1766400000000 implements MigrationInterface {
  name = 'TrancheCancellations1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "disbursements" ADD "cancelled_by" text, ADD "cancel_reason" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "disbursements" DROP COLUMN "cancelled_by", DROP COLUMN "cancel_reason"`);
  }
}
