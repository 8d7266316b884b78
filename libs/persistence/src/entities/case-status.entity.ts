import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ReturnStatus } from '@avrr/contracts';
import { ReturnCaseEntity } from './return-case.entity';

/**
 * What a return's workflow last said about itself (its status query's answer), written by the worker as the
 * workflow task that changed it completes: the case view reads it instead of asking the workflow (docs/reading-cases.md).
 */
@Entity('case_statuses')
export class CaseStatusEntity {
  @PrimaryColumn({ name: 'case_ref', type: 'varchar', length: 40 })
  caseRef!: string;

  @ManyToOne(() => ReturnCaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_ref', foreignKeyConstraintName: 'case_statuses_case_ref_fkey' })
  returnCase?: ReturnCaseEntity;

  @Column({ name: 'run_id', type: 'varchar', length: 64 })
  runId!: string;

  /** With `seq`, orders the writes: a later run, or a later change in the same run, wins. */
  @Column({ name: 'run_started_at', type: 'timestamptz' })
  runStartedAt!: Date;

  /** The change's number within its run (the same on every replay of the run). */
  @Column({ type: 'int' })
  seq!: number;

  /**
   * `RUNNING` (written by the worker), then `COMPLETED`, `TERMINATED`, `FAILED`, `TIMED_OUT` or `CANCELLED` once the
   * step sweeper found the run closed in Temporal.
   */
  @Column({ name: 'run_status', type: 'varchar', length: 20 })
  runStatus!: string;

  @Column({ type: 'jsonb' })
  status!: ReturnStatus;

  /** The case list's ops columns, as the return's search attributes hold them (CaseOpsEntry). */
  @Column({ name: 'waiting_on', type: 'varchar', length: 80, nullable: true })
  waitingOn!: string | null;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'failing_step', type: 'varchar', length: 120, nullable: true })
  failingStep!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
