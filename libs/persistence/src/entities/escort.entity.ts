import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { ReturnCaseEntity } from './return-case.entity';

export const ESCORT_KINDS = ['medical', 'humanitarian'] as const;
export type EscortKind = (typeof ESCORT_KINDS)[number];

/** The medical or humanitarian escort booked on the travellers' flights. */
@Entity('escorts')
export class EscortEntity {
  @PrimaryColumn({ name: 'case_ref', type: 'varchar', length: 40 })
  caseRef!: string;

  @OneToOne(() => ReturnCaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_ref', foreignKeyConstraintName: 'escorts_case_ref_fkey' })
  returnCase?: ReturnCaseEntity;

  @Column({ type: 'varchar', length: 20 })
  kind!: EscortKind;

  @Column({ name: 'given_name', type: 'varchar', length: 120 })
  givenName!: string;

  @Column({ name: 'family_name', type: 'varchar', length: 120 })
  familyName!: string;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
