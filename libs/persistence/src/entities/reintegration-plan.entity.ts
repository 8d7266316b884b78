import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import type { ReintegrationCategory } from '@avrr/contracts';
import { ReturnCaseEntity } from './return-case.entity';

export interface PlanItem {
  category: ReintegrationCategory;
  description: string;
  /** In the programme's currency, with two decimals. */
  amount: string;
}

/** The individual reintegration plan the mission records with the returnee, and its approval. */
@Entity('reintegration_plans')
export class ReintegrationPlanEntity {
  @PrimaryColumn({ name: 'case_ref', type: 'varchar', length: 40 })
  caseRef!: string;

  @OneToOne(() => ReturnCaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_ref', foreignKeyConstraintName: 'reintegration_plans_case_ref_fkey' })
  returnCase?: ReturnCaseEntity;

  @Column({ type: 'jsonb' })
  items!: PlanItem[];

  /** The approved budget: the sum of the items. */
  @Column({ type: 'numeric', precision: 12, scale: 2 })
  total!: string;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ name: 'submitted_by', type: 'text' })
  submittedBy!: string;

  @CreateDateColumn({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ name: 'approved_by', type: 'text', nullable: true })
  approvedBy!: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;
}
