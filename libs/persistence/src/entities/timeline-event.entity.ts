import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What happened on a case, who did it (a staff id, or "system" for the workflow) and when. */
@Entity('case_timeline')
export class TimelineEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'case_ref', type: 'varchar', length: 40 })
  caseRef!: string;

  @Column({ type: 'varchar', length: 60 })
  kind!: string;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'varchar', length: 80 })
  actor!: string;

  /** Workflow, run and activity ids for events written by activities, so a retried activity writes once. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 300, nullable: true, unique: true })
  idempotencyKey!: string | null;

  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}
