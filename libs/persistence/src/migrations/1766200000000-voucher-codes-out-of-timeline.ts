import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A voucher's code is a bearer credential, shown in a tranche only to those whose role may read it; the timeline,
 * which every reader of the case sees, once quoted it. Those lines lose the code (the tranche keeps it). Not undone:
 * the codes are not put back.
 */
export class VoucherCodesOutOfTimeline1766200000000 implements MigrationInterface {
  name = 'VoucherCodesOutOfTimeline1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE case_timeline SET summary = regexp_replace(summary, '^(Tranche [0-9]+: voucher) \\S+ ', '\\1 ')
       WHERE kind IN ('disbursement-paid', 'voucher-expired', 'voucher-voided') AND summary ~ '^Tranche [0-9]+: voucher \\S+ (for|expired|voided)'`,
    );
  }

  async down(): Promise<void> {}
}
