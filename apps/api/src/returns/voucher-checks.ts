import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseRecords, ReturnCaseEntity } from '@avrr/persistence';
import { covers } from '../auth/programme-scope';
import type { StaffPrincipal } from '../auth/principal';
import { CaseNotFoundError, StepNotAllowedError } from '../errors/domain-errors';
import { CaseViews } from './case-views';
import type { VoucherCheckDto } from './dto/aftercare.dto';
import type { ReturnView } from './return-view';
import { caseNamed } from '../logging/case-ref-of';

/**
 * The vouchers finance is to check with the payment provider (`case_ref`, `tranche`): refused a void at its expiry or
 * at closure, and still issued as far as the case knows. The one place the list's `awaiting=voucher-check` and the
 * check itself read them from.
 */
export const VOUCHERS_TO_CHECK = `SELECT d.case_ref, d.tranche FROM disbursements d
  WHERE d.status = 'paid' AND d.voucher_code IS NOT NULL AND EXISTS (SELECT 1 FROM case_timeline t
    WHERE t.case_ref = d.case_ref AND t.kind = 'voucher-void-refused' AND t.summary LIKE 'Tranche ' || d.tranche || ':%')`;

/**
 * Finance's answer on a voucher the payment provider refused to void at closure (`awaiting=voucher-check`): what the
 * provider says of it now, voided or redeemed. The case is closed and its workflow done: the record alone holds it.
 */
@Injectable()
export class VoucherChecks {
  constructor(
    private readonly dataSource: DataSource,
    private readonly caseRecords: CaseRecords,
    private readonly views: CaseViews,
  ) {}

  async record(caseRef: string, tranche: number, dto: VoucherCheckDto, user: StaffPrincipal): Promise<ReturnView> {
    const returnCase = await this.dataSource.manager.findOneBy(ReturnCaseEntity, { caseRef });
    if (!returnCase || !covers(user, returnCase.programmeCode)) throw new CaseNotFoundError(caseRef);
    caseNamed(caseRef);
    const key = `voucher-check/${caseRef}/${tranche}`;
    // Checked already (a repeat): answered as the case stands.
    const [done] = await this.dataSource.query(`SELECT 1 FROM case_timeline WHERE idempotency_key = $1 LIMIT 1`, [key]);
    if (done) return this.views.view(caseRef, user);
    if (returnCase.stage !== 'closed') {
      throw new StepNotAllowedError('the case is open: its closure voids the voucher, or its expiry does');
    }
    const [toCheck] = await this.dataSource.query(
      `SELECT 1 FROM (${VOUCHERS_TO_CHECK}) v WHERE v.case_ref = $1 AND v.tranche = $2`,
      [caseRef, tranche],
    );
    if (!toCheck) {
      throw new StepNotAllowedError(`tranche ${tranche} has no voucher the payment provider refused to void`);
    }
    const status = dto.voucher === 'voided' ? 'cancelled' : 'closed';
    await this.caseRecords.writeWithEvent(
      (first) => ({
        sql: `UPDATE disbursements SET status = $${first} WHERE case_ref = $1 AND tranche = $${first + 1} AND status = 'paid'`,
        parameters: [status, tranche],
      }),
      {
        caseRef,
        kind: 'voucher-checked',
        summary: `Tranche ${tranche}: the payment provider says the voucher is ${dto.voucher}, as finance checked`,
        actor: user.id,
        idempotencyKey: key,
      },
    );
    return this.views.view(caseRef, user);
  }
}
