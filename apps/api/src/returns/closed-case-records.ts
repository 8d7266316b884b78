import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseRecords, ReturnCaseEntity } from '@avrr/persistence';
import { covers } from '../auth/programme-scope';
import type { StaffPrincipal } from '../auth/principal';
import { CaseNotFoundError, StepNotAllowedError } from '../errors/domain-errors';
import { CaseViews } from './case-views';
import type { HandoverDto, VoucherCheckDto } from './dto/aftercare.dto';
import type { ReturnView } from './return-view';
import { caseNamed } from '../logging/case-ref-of';
import { refuseDocumentUsedBefore } from './tranche-rules';

/**
 * The vouchers finance is to check with the payment provider (`case_ref`, `tranche`): refused a void at its expiry or
 * at closure, and still issued as far as the case knows. The one place the list's `awaiting=voucher-check` and the
 * check itself read them from.
 */
export const VOUCHERS_TO_CHECK = `SELECT d.case_ref, d.tranche FROM disbursements d
  WHERE d.status = 'paid' AND d.voucher_code IS NOT NULL AND EXISTS (SELECT 1 FROM case_timeline t
    WHERE t.case_ref = d.case_ref AND t.kind = 'voucher-void-refused' AND t.summary LIKE 'Tranche ' || d.tranche || ':%')`;

/**
 * What staff record of a tranche once its case is closed and its workflow done: the record alone holds it. Each is
 * kept once under its own key, and a repeat is answered with the case as it stands.
 */
@Injectable()
export class ClosedCaseRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly caseRecords: CaseRecords,
    private readonly views: CaseViews,
  ) {}

  /** Finance's answer on a voucher the payment provider refused to void (`awaiting=voucher-check`). */
  async voucherCheck(
    caseRef: string,
    tranche: number,
    dto: VoucherCheckDto,
    user: StaffPrincipal,
  ): Promise<ReturnView> {
    const closed = await this.closedCase(caseRef, user);
    if (closed === 'open') {
      throw new StepNotAllowedError('the case is open: its closure voids the voucher, or its expiry does');
    }
    return this.record(caseRef, tranche, user, `voucher-check/${caseRef}/${tranche}`, async () => {
      const [toCheck] = await this.dataSource.query(
        `SELECT 1 FROM (${VOUCHERS_TO_CHECK}) v WHERE v.case_ref = $1 AND v.tranche = $2`,
        [caseRef, tranche],
      );
      if (!toCheck) {
        throw new StepNotAllowedError(`tranche ${tranche} has no voucher the payment provider refused to void`);
      }
      const status = dto.voucher === 'voided' ? 'cancelled' : 'closed';
      return {
        status,
        handoverRef: null,
        kind: 'voucher-checked',
        summary: `Tranche ${tranche}: the payment provider says the voucher is ${dto.voucher}, as finance checked`,
      };
    });
  }

  /**
   * The handover certificate or invoice of a tranche paid before its case closed (the vendor's invoice often comes
   * later); null while the case is open, whose workflow takes it as a step.
   */
  async handover(caseRef: string, tranche: number, dto: HandoverDto, user: StaffPrincipal): Promise<ReturnView | null> {
    if ((await this.closedCase(caseRef, user)) === 'open') return null;
    return this.record(caseRef, tranche, user, `handover-after-closure/${caseRef}/${tranche}`, async () => {
      const [row] = await this.dataSource.query(
        `SELECT method, status FROM disbursements WHERE case_ref = $1 AND tranche = $2`,
        [caseRef, tranche],
      );
      if (row?.status !== 'paid') {
        throw new StepNotAllowedError(
          `tranche ${tranche} is not paid out and open (${row?.status ?? 'no such tranche'})`,
        );
      }
      await refuseDocumentUsedBefore(this.dataSource.manager, caseRef, dto.documentRef);
      const document = row.method === 'voucher' ? 'handover certificate' : 'invoice';
      return {
        status: 'closed',
        handoverRef: dto.documentRef,
        kind: 'handover-recorded',
        summary: `Tranche ${tranche} closed with ${document} ${dto.documentRef}, after the case closed`,
      };
    });
  }

  /** Whether the case is closed; not found (404) outside the user's grant. */
  private async closedCase(caseRef: string, user: StaffPrincipal): Promise<'closed' | 'open'> {
    const returnCase = await this.dataSource.manager.findOneBy(ReturnCaseEntity, { caseRef });
    if (!returnCase || !covers(user, returnCase.programmeCode)) throw new CaseNotFoundError(caseRef);
    caseNamed(caseRef);
    return returnCase.stage === 'closed' ? 'closed' : 'open';
  }

  /** The tranche's new status and its timeline line, written together once under `key`. */
  private async record(
    caseRef: string,
    tranche: number,
    user: StaffPrincipal,
    key: string,
    decide: () => Promise<{ status: string; handoverRef: string | null; kind: string; summary: string }>,
  ): Promise<ReturnView> {
    const [done] = await this.dataSource.query(`SELECT 1 FROM case_timeline WHERE idempotency_key = $1 LIMIT 1`, [key]);
    if (done) return this.views.view(caseRef, user);
    const { status, handoverRef, kind, summary } = await decide();
    await this.caseRecords.writeWithEvent(
      (first) => ({
        sql: `UPDATE disbursements SET status = $${first}, handover_ref = COALESCE($${first + 1}, handover_ref)
          WHERE case_ref = $1 AND tranche = $${first + 2} AND status = 'paid'`,
        parameters: [status, handoverRef, tranche],
      }),
      { caseRef, kind, summary, actor: user.id, idempotencyKey: key },
    );
    return this.views.view(caseRef, user);
  }
}
