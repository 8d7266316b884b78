import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Sign-in attempts counted in a window, per account and address (`account:<username>|<address>`) and per address
 * (`address:<address>`). An attempt is counted before its password is checked, in one atomic upsert, so
 * concurrent guesses cannot all be checked; a success takes its attempt back.
 */
@Entity('sign_in_attempts')
export class SignInAttemptEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key!: string;

  @Column({ name: 'window_started_at', type: 'timestamptz' })
  windowStartedAt!: Date;

  @Column({ type: 'int' })
  attempts!: number;
}
