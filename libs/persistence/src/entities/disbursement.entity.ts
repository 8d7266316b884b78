import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { DisbursementMethod } from '@avrr/contracts';
import { ReturnCaseEntity } from './return-case.entity';

/**
 * requested -> approved (by a finance officer other than the requester) -> paid (voucher issued, or vendor
 * paid) -> closed (handover certificate or invoice); a voucher not redeemed in time -> expired; a tranche not paid
 * at closure -> cancelled. Expired and cancelled amounts are back in the budget.
 */
export type DisbursementStatus = 'requested' | 'approved' | 'paid' | 'closed' | 'expired' | 'cancelled';

/** One tranche of reintegration assistance. */
@Entity('disbursements')
export class DisbursementEntity {
  @PrimaryColumn({ name: 'case_ref', type: 'varchar', length: 40 })
  caseRef!: string;

  @PrimaryColumn({ type: 'int' })
  tranche!: number;

  @ManyToOne(() => ReturnCaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_ref', foreignKeyConstraintName: 'disbursements_case_ref_fkey' })
  returnCase?: ReturnCaseEntity;

  @Column({ type: 'varchar', length: 20 })
  method!: DisbursementMethod;

  @Column({ type: 'numeric', precision: 12, scale: 2 })
  amount!: string;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  /** What a voucher may buy (e.g. "tools and equipment"). */
  @Column({ name: 'vendor_category', type: 'varchar', length: 80, nullable: true })
  vendorCategory!: string | null;

  /** The vendor paid (vendor payment). */
  @Column({ name: 'vendor_name', type: 'varchar', length: 200, nullable: true })
  vendorName!: string | null;

  @Column({ name: 'invoice_ref', type: 'varchar', length: 60, nullable: true })
  invoiceRef!: string | null;

  @Column({ type: 'varchar', length: 20 })
  status!: DisbursementStatus;

  @Column({ name: 'requested_by', type: 'text' })
  requestedBy!: string;

  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'approved_by', type: 'text', nullable: true })
  approvedBy!: string | null;

  @Column({ name: 'voucher_code', type: 'varchar', length: 40, nullable: true })
  voucherCode!: string | null;

  @Column({ name: 'payment_ref', type: 'varchar', length: 60, nullable: true })
  paymentRef!: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  /** The handover certificate (voucher) or invoice (vendor payment) that closed the tranche. */
  @Column({ name: 'handover_ref', type: 'varchar', length: 60, nullable: true })
  handoverRef!: string | null;

  /** Who cancelled the tranche unpaid (a staff id, or "system": the provider refused it, or the case closed). */
  @Column({ name: 'cancelled_by', type: 'text', nullable: true })
  cancelledBy!: string | null;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason!: string | null;
}
