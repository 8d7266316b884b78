import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ReturnCaseEntity } from './return-case.entity';

/** What happened on a case, who did it (a staff id, or "system" for the workflow) and when. */
@Entity('case_timeline')
@Index('case_timeline_case_ref', ['caseRef', 'occurredAt'])
export class TimelineEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'case_ref', type: 'varchar', length: 40 })
  caseRef!: string;

  @ManyToOne(() => ReturnCaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_ref', foreignKeyConstraintName: 'case_timeline_case_ref_fkey' })
  returnCase?: ReturnCaseEntity;

  @Column({ type: 'varchar', length: 60 })
  kind!: string;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'text' })
  actor!: string;

  /** Workflow, run and activity ids for events written by activities, so a retried activity writes once. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 300, nullable: true, unique: true })
  idempotencyKey!: string | null;

  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}
