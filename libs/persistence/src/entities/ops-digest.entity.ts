import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One row per daily digest e-mailed to a supervisor: the digest goes once per day and recipient. */
@Entity('ops_digests')
export class OpsDigestEntity {
  @PrimaryColumn({ type: 'date' })
  day!: string;

  @PrimaryColumn({ type: 'varchar', length: 254 })
  recipient!: string;

  @Column({ type: 'text', array: true })
  programmes!: string[];

  @Column({ name: 'message_id', type: 'varchar', length: 400 })
  messageId!: string;

  @CreateDateColumn({ name: 'sent_at', type: 'timestamptz' })
  sentAt!: Date;
}
