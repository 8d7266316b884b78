import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CaseRecords, ReturnCaseEntity } from '@avrr/persistence';
import { covers } from '../auth/programme-scope';
import type { StaffPrincipal } from '../auth/principal';
import { CaseNotFoundError, StepNotAllowedError } from '../errors/domain-errors';
import { CaseViews } from './case-views';
import type { HandoverDto, VoucherCheckDto } from './dto/aftercare.dto';
import type { ReturnView } from './return-view';
import { caseNamed } from '../logging/case-ref-of';
import { refuseDocumentOfAnother, refuseUnlessPaid } from './tranche-rules';

/**
 * The vouchers finance is to check with the payment provider (`case_ref`, `tranche`): refused a void at its expiry or
 * at closure, and still issued as far as the case knows. The one place the list's `awaiting=voucher-check` and the
 * check itself read them from.
 */
export const VOUCHERS_TO_CHECK = `SELECT d.case_ref, d.tranche FROM disbursements d
  WHERE d.status = 'paid' AND d.voucher_code IS NOT NULL AND EXISTS (SELECT 1 FROM case_timeline t
    WHERE t.case_ref = d.case_ref AND t.kind = 'voucher-void-refused' AND t.summary LIKE 'Tranche ' || d.tranche || ':%')`;

/** A tranche as a record after closure reads it. */
interface TrancheRow {
  method: string;
  status: string;
  handoverRef: string | null;
  invoiceRef: string | null;
}

/** What a record after closure writes: the tranche's status (and document), and its timeline line. */
interface ClosedRecord {
  status: string;
  handoverRef: string | null;
  kind: string;
  summary: string;
}

/**
 * What staff record of a tranche once its case is closed and its workflow done: the record alone holds it, kept once
 * under its own key. The same record sent again is answered with the case as it stands; another one (a second
 * document, the other answer) is refused, as the tranche no longer waits for it.
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
    const key = `voucher-check/${caseRef}/${tranche}`;
    const status = dto.voucher === 'voided' ? 'cancelled' : 'closed';
    return this.record(caseRef, tranche, user, key, async (row, manager, checked) => {
      if (checked) {
        if (row?.status === status) return null;
        const said = row?.status === 'cancelled' ? 'voided' : 'redeemed';
        throw new StepNotAllowedError(`tranche ${tranche}'s voucher is already checked: the provider said ${said}`);
      }
      const [toCheck] = await manager.query(
        `SELECT 1 FROM (${VOUCHERS_TO_CHECK}) v WHERE v.case_ref = $1 AND v.tranche = $2`,
        [caseRef, tranche],
      );
      if (!toCheck) {
        throw new StepNotAllowedError(`tranche ${tranche} has no voucher the payment provider refused to void`);
      }
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
    const key = `handover-after-closure/${caseRef}/${tranche}`;
    return this.record(caseRef, tranche, user, key, async (row, manager) => {
      if (row?.status === 'closed' && row.handoverRef === dto.documentRef) return null;
      refuseUnlessPaid(row, tranche);
      await refuseDocumentOfAnother(manager, caseRef, { ...row, tranche }, dto.documentRef);
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

  /**
   * In one transaction, the case locked: `decide` reads the tranche (and whether `key` was recorded already), and
   * answers what to write, or null when the request is one already recorded.
   */
  private async record(
    caseRef: string,
    tranche: number,
    user: StaffPrincipal,
    key: string,
    decide: (row: TrancheRow | undefined, manager: EntityManager, recorded: boolean) => Promise<ClosedRecord | null>,
  ): Promise<ReturnView> {
    await this.dataSource.transaction(async (manager) => {
      await this.caseRecords.findCase(caseRef, manager, { lock: true });
      const [row] = await manager.query(
        `SELECT method, status, handover_ref AS "handoverRef", invoice_ref AS "invoiceRef"
         FROM disbursements WHERE case_ref = $1 AND tranche = $2`,
        [caseRef, tranche],
      );
      const [recorded] = await manager.query(`SELECT 1 FROM case_timeline WHERE idempotency_key = $1 LIMIT 1`, [key]);
      const written = await decide(row, manager, Boolean(recorded));
      if (!written) return;
      await manager.query(
        `UPDATE disbursements SET status = $3, handover_ref = COALESCE($4, handover_ref)
         WHERE case_ref = $1 AND tranche = $2 AND status = 'paid'`,
        [caseRef, tranche, written.status, written.handoverRef],
      );
      const { kind, summary } = written;
      await this.caseRecords.addTimelineEvent({ caseRef, kind, summary, actor: user.id, idempotencyKey: key }, manager);
    });
    return this.views.view(caseRef, user);
  }
}
