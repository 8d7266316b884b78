import { Inject, Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/activity';
import { DataSource } from 'typeorm';
import { durationToMs, ReturnErrorType, type PaymentActivities } from '@avrr/contracts';
import { CaseRecords, DisbursementEntity, ProgrammePolicies, SYSTEM_ACTOR } from '@avrr/persistence';
import { AftercareMailService } from '../aftercare/aftercare-mail.activities';
import { idempotencyKey } from '../idempotency-key';
import { PAYMENTS, type PaymentPort } from './payment.port';

/**
 * Pays a tranche through the payment port. The provider's key comes from the case and the tranche, so a retry,
 * even of an attempt killed after the provider did the work, is answered with that work instead of paying twice.
 */
@Injectable()
export class PaymentsService implements PaymentActivities {
  constructor(
    @Inject(PAYMENTS) private readonly provider: PaymentPort,
    private readonly dataSource: DataSource,
    private readonly caseRecords: CaseRecords,
    private readonly policies: ProgrammePolicies,
    private readonly aftercareMail: AftercareMailService,
  ) {}

  async disburse(caseRef: string, tranche: number, retry = 0): Promise<{ expiresAt?: string }> {
    const row = await this.tranche(caseRef, tranche);
    if (row.voucherCode || row.paymentRef) {
      // An earlier attempt paid it, and may have stopped before the voucher went to the mission. Staff may have sent
      // its handover meanwhile: a pending step already reads `closed`, and waits for this payment to settle.
      if (row.status === 'paid' || row.status === 'closed') await this.sendVoucher(row);
      return { expiresAt: row.expiresAt?.toISOString() };
    }
    if (row.status !== 'approved') {
      // The workflow accepts the approval before the API commits it: retried until the row says so.
      throw new Error(`the approval of tranche ${tranche} of case ${caseRef} is not committed yet`);
    }
    // After a refusal staff may have the payment tried again: a new key, since the provider keeps its refusal.
    const key = `${caseRef}/tranche/${tranche}` + (retry ? `/retry-${retry}` : '');
    let paid: Partial<DisbursementEntity>;
    if (row.method === 'voucher') {
      const validFor = await this.voucherValidity(caseRef);
      const voucher = await this.provider.issueVoucher(
        {
          reference: key,
          value: row.amount,
          currency: row.currency,
          category: row.vendorCategory!,
          // A duration, so every attempt sends the same body under the same key, and the voucher is valid that long
          // from its issue however late the provider answers.
          validForSeconds: Math.ceil(validFor / 1000),
        },
        key,
      );
      paid = { voucherCode: voucher.code, expiresAt: new Date(voucher.expiresAt) };
    } else {
      const payment = await this.provider.payVendor(
        {
          reference: key,
          vendor: row.vendorName!,
          invoiceRef: row.invoiceRef!,
          amount: row.amount,
          currency: row.currency,
        },
        key,
      );
      paid = { paymentRef: payment.paymentRef };
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.update(DisbursementEntity, { caseRef, tranche, status: 'approved' }, { ...paid, status: 'paid' });
      await this.caseRecords.addTimelineEvent(
        {
          caseRef,
          kind: 'disbursement-paid',
          summary:
            row.method === 'voucher'
              ? `Tranche ${tranche}: voucher for ${row.amount} ${row.currency} issued, valid until ${paid.expiresAt!.toISOString()}`
              : `Tranche ${tranche}: ${row.amount} ${row.currency} paid to the vendor (payment ${paid.paymentRef})`,
          actor: SYSTEM_ACTOR,
          idempotencyKey: idempotencyKey(),
        },
        manager,
      );
    });
    await this.sendVoucher({ ...row, ...paid } as DisbursementEntity);
    return { expiresAt: paid.expiresAt?.toISOString() };
  }

  /** The mission hands an issued voucher to the returnee: it is sent the code once the tranche is paid. */
  private async sendVoucher(row: DisbursementEntity): Promise<void> {
    if (row.method !== 'voucher' || !row.voucherCode || !row.expiresAt) return;
    const voucher = {
      tranche: row.tranche,
      code: row.voucherCode,
      amount: row.amount,
      currency: row.currency,
      category: row.vendorCategory!,
      expiresAt: row.expiresAt.toISOString(),
    };
    await this.aftercareMail.sendVoucher(row.caseRef, voucher, `${idempotencyKey()}/voucher`);
  }

  async expireVoucher(
    caseRef: string,
    tranche: number,
    why: 'expired' | 'case-closed',
  ): Promise<'expired' | 'redeemed'> {
    const row = await this.tranche(caseRef, tranche);
    const told = { tranche, code: row.voucherCode!, why };
    if (row.status !== 'paid') {
      // An earlier attempt voided it, and may have stopped before the mission was told.
      if (row.status === 'expired' || row.status === 'cancelled') await this.tellVoided(caseRef, told);
      return 'expired';
    }
    if ((await this.provider.voidVoucher(row.voucherCode!)) === 'redeemed') return 'redeemed';
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        DisbursementEntity,
        { caseRef, tranche, status: 'paid' },
        why === 'expired'
          ? { status: 'expired', cancelledBy: SYSTEM_ACTOR, cancelReason: 'the voucher expired unredeemed' }
          : {
              status: 'cancelled',
              cancelledBy: SYSTEM_ACTOR,
              cancelReason: 'the case closed; the voucher was voided unredeemed',
            },
      );
      await this.caseRecords.addTimelineEvent(
        {
          caseRef,
          kind: why === 'expired' ? 'voucher-expired' : 'voucher-voided',
          summary: `Tranche ${tranche}: voucher ${why === 'expired' ? 'expired' : 'voided at closure'} unredeemed; ${row.amount} ${row.currency} back in the budget`,
          actor: SYSTEM_ACTOR,
          idempotencyKey: idempotencyKey(),
        },
        manager,
      );
    });
    await this.tellVoided(caseRef, told);
    return 'expired';
  }

  /** The mission holds the voucher to hand over: it is told the voucher no longer pays. */
  private tellVoided(caseRef: string, voucher: { tranche: number; code: string; why: 'expired' | 'case-closed' }) {
    return this.aftercareMail.sendVoucherVoided(caseRef, voucher, `${idempotencyKey()}/voided`);
  }

  async cancelDisbursement(caseRef: string, tranche: number, refusal?: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .update(DisbursementEntity)
        .set({
          status: 'cancelled',
          cancelledBy: SYSTEM_ACTOR,
          cancelReason: refusal ? `the payment provider refused it: ${refusal}` : 'the case closed',
        })
        .where('case_ref = :caseRef AND tranche = :tranche AND status IN (:...open)', {
          caseRef,
          tranche,
          open: ['requested', 'approved'],
        })
        .execute();
      await this.caseRecords.addTimelineEvent(
        {
          caseRef,
          kind: 'disbursement-cancelled',
          summary: refusal
            ? `Tranche ${tranche} cancelled, unpaid: ${refusal}; its amount is back in the budget for a new request`
            : `Tranche ${tranche} cancelled at closure, unpaid`,
          actor: SYSTEM_ACTOR,
          idempotencyKey: idempotencyKey(),
        },
        manager,
      );
    });
  }

  private async tranche(caseRef: string, tranche: number): Promise<DisbursementEntity> {
    const row = await this.dataSource.manager.findOneBy(DisbursementEntity, { caseRef, tranche });
    if (!row) {
      throw ApplicationFailure.nonRetryable(`no tranche ${tranche} of case ${caseRef}`, ReturnErrorType.CaseNotFound);
    }
    return row;
  }

  private async voucherValidity(caseRef: string): Promise<number> {
    const returnCase = (await this.caseRecords.findCase(caseRef))!;
    return durationToMs((await this.policies.pinnedBy(returnCase)).reintegration.voucherValidFor);
  }
}
