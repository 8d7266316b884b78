import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { ReturnCaseEntity } from './return-case.entity';

/** Temporary accommodation in the host country before departure. */
@Entity('accommodations')
export class AccommodationEntity {
  @PrimaryColumn({ name: 'case_ref', type: 'varchar', length: 40 })
  caseRef!: string;

  @OneToOne(() => ReturnCaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_ref', foreignKeyConstraintName: 'accommodations_case_ref_fkey' })
  returnCase?: ReturnCaseEntity;

  @Column({ name: 'from_date', type: 'date' })
  from!: string;

  @Column({ name: 'until_date', type: 'date' })
  until!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: 'arranged' | 'cancelled';

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
