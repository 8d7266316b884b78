import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { CasePersonEntity } from './case-person.entity';
import { ReturnCaseEntity } from './return-case.entity';

/** The return allowance handed to one adult at departure, at the amount of the case's pinned policy. */
@Entity('return_allowances')
export class ReturnAllowanceEntity {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @OneToOne(() => CasePersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'return_allowances_person_id_fkey' })
  person?: CasePersonEntity;

  @Column({ name: 'case_ref', type: 'varchar', length: 40 })
  caseRef!: string;

  @ManyToOne(() => ReturnCaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_ref', foreignKeyConstraintName: 'return_allowances_case_ref_fkey' })
  returnCase?: ReturnCaseEntity;

  @Column({ type: 'numeric', precision: 12, scale: 2 })
  amount!: string;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @CreateDateColumn({ name: 'handed_over_at', type: 'timestamptz' })
  handedOverAt!: Date;
}
