import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ReturnCaseEntity } from './return-case.entity';

/** pending: written, sent (or about to be sent) to the workflow; accepted or refused: the workflow decided. */
export type CaseStepStatus = 'pending' | 'accepted' | 'refused';

/** How to take back one row a step wrote, should the workflow refuse the step. */
export type RowUndo =
  | { entity: string; kind: 'delete'; where: Record<string, unknown> }
  | { entity: string; kind: 'restore'; where: Record<string, unknown>; values: Record<string, unknown> };

/**
 * The step ledger: one row per staff step under its idempotency key, written before the workflow is asked, so a
 * step survives an API crash between the workflow's answer and ours, and a repeated request gets the same answer.
 */
@Entity('case_steps')
@Index('case_steps_pending', ['status', 'createdAt'])
export class CaseStepEntity {
  @PrimaryColumn({ name: 'case_ref', type: 'varchar', length: 40 })
  caseRef!: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'varchar', length: 200 })
  idempotencyKey!: string;

  @ManyToOne(() => ReturnCaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_ref', foreignKeyConstraintName: 'case_steps_case_ref_fkey' })
  returnCase?: ReturnCaseEntity;

  /** The workflow update's id: Temporal answers a repeated update with this id with the first one's outcome. */
  @Column({ name: 'update_id', type: 'varchar', length: 80, unique: true })
  updateId!: string;

  @Column({ type: 'varchar', length: 40 })
  step!: string;

  /** A hash of who asked for what: the same key with another request is refused. */
  @Column({ type: 'char', length: 64 })
  fingerprint!: string;

  @Column({ type: 'text' })
  actor!: string;

  /** The update's argument, without who recorded it. */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** The timeline's line for the step, written once it is accepted. */
  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'jsonb' })
  undo!: RowUndo[];

  @Column({ type: 'varchar', length: 10 })
  status!: CaseStepStatus;

  /** Why the workflow refused the step: the 409's message, answered again to a repeat. */
  @Column({ name: 'refusal', type: 'text', nullable: true })
  refusal!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'settled_at', type: 'timestamptz', nullable: true })
  settledAt!: Date | null;
}
