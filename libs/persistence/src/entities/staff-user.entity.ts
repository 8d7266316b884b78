import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A member of the operations staff who signs in locally. */
@Entity('staff_users')
export class StaffUserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 60, unique: true })
  username!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 120 })
  displayName!: string;

  /** scrypt hash; null for a user who signs in only through the identity provider. */
  @Column({ name: 'password_hash', type: 'varchar', length: 300, nullable: true, select: false })
  passwordHash!: string | null;

  @Column({ type: 'text', array: true })
  roles!: string[];

  /** The programme codes this grant covers; null for all programmes. */
  @Column({ type: 'text', array: true, nullable: true })
  programmes!: string[] | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** Raised by every change of roles, grant, status or password: tokens issued before it stop being accepted. */
  @Column({ name: 'access_version', type: 'int', default: 1 })
  accessVersion!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
