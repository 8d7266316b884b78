import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ReturnCaseEntity } from './return-case.entity';

/**
 * An activity of a return whose last attempt failed and that Temporal retries, noted by the worker as the attempt
 * fails and dropped as one succeeds: while a case has one, its view asks Temporal which steps are being retried.
 */
@Entity('case_retries')
@Index('case_retries_case', ['caseRef'])
export class CaseRetryEntity {
  @PrimaryColumn({ name: 'run_id', type: 'varchar', length: 64 })
  runId!: string;

  @PrimaryColumn({ name: 'activity_id', type: 'varchar', length: 100 })
  activityId!: string;

  @Column({ name: 'case_ref', type: 'varchar', length: 40 })
  caseRef!: string;

  @ManyToOne(() => ReturnCaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_ref', foreignKeyConstraintName: 'case_retries_case_ref_fkey' })
  returnCase?: ReturnCaseEntity;

  @CreateDateColumn({ name: 'since', type: 'timestamptz' })
  since!: Date;
}
