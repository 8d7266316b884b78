import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A failed sign-in, counted per account and per address to slow down guessing. */
@Entity('login_failures')
@Index('login_failures_username', ['username', 'occurredAt'])
@Index('login_failures_address', ['address', 'occurredAt'])
export class LoginFailureEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'varchar', length: 60 })
  username!: string;

  @Column({ type: 'varchar', length: 64 })
  address!: string;

  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}
