import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who did what, to which case, when, from where. Append-only: a trigger refuses UPDATE and DELETE. */
@Entity('audit_log')
@Index('audit_log_case_ref', ['caseRef', 'occurredAt'])
@Index('audit_log_actor', ['actor', 'occurredAt'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz', precision: 3 })
  occurredAt!: Date;

  /** A staff id, or "anonymous" for a sign-in that failed. */
  @Column({ type: 'text' })
  actor!: string;

  /** The route, e.g. "POST /returns/:caseRef/travel-document". */
  @Column({ type: 'varchar', length: 200 })
  action!: string;

  @Column({ name: 'case_ref', type: 'varchar', length: 40, nullable: true })
  caseRef!: string | null;

  /** What else it acted on: "id=<staff id>", "code=<programme>", "partner consulate PK (removed)". */
  @Column({ type: 'varchar', length: 200, nullable: true })
  target!: string | null;

  @Column({ type: 'int' })
  status!: number;

  @Column({ type: 'varchar', length: 64 })
  address!: string;

  @Column({ name: 'request_id', type: 'varchar', length: 100 })
  requestId!: string;
}
