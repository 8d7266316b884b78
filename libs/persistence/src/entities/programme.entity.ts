import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { ProgrammePolicy } from '@avrr/contracts';

@Entity('programmes')
export class ProgrammeEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;
}

/** Each revision of a programme's policy is a new row; a case pins the version it started with. */
@Entity('programme_policies')
export class ProgrammePolicyEntity {
  @PrimaryColumn({ name: 'programme_code', type: 'varchar', length: 40 })
  programmeCode!: string;

  @PrimaryColumn({ type: 'int' })
  version!: number;

  @ManyToOne(() => ProgrammeEntity)
  @JoinColumn({ name: 'programme_code', foreignKeyConstraintName: 'programme_policies_programme_code_fkey' })
  programme?: ProgrammeEntity;

  @Column({ type: 'jsonb' })
  policy!: ProgrammePolicy;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
