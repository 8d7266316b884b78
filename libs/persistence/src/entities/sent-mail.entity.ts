import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One row per e-mail handed to the SMTP server, keyed by the activity's idempotency key. */
@Entity('sent_mail')
export class SentMailEntity {
  @PrimaryColumn({ name: 'idempotency_key', type: 'varchar', length: 300 })
  idempotencyKey!: string;

  @Column({ name: 'message_id', type: 'varchar', length: 400 })
  messageId!: string;

  @Column({ name: 'case_ref', type: 'varchar', length: 40 })
  caseRef!: string;

  @Column({ type: 'varchar', length: 60 })
  kind!: string;

  /** One address, or several separated by commas (an escalation to a programme's supervisors). */
  @Column({ type: 'text' })
  recipient!: string;

  @Column({ type: 'varchar', length: 300 })
  subject!: string;

  @CreateDateColumn({ name: 'sent_at', type: 'timestamptz' })
  sentAt!: Date;
}
