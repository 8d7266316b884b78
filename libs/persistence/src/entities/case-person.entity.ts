import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Sex } from '@avrr/contracts';
import { ReturnCaseEntity } from './return-case.entity';

export type CasePersonRole = 'returnee' | 'dependant';

/** The returnee and the dependants travelling with them: personal data, kept here and never in Temporal. */
@Entity('case_persons')
@Index('case_persons_case_ref', ['caseRef'])
export class CasePersonEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_ref', type: 'varchar', length: 40 })
  caseRef!: string;

  @ManyToOne(() => ReturnCaseEntity, (returnCase) => returnCase.persons, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_ref', foreignKeyConstraintName: 'case_persons_case_ref_fkey' })
  returnCase!: ReturnCaseEntity;

  @Column({ type: 'varchar', length: 20 })
  role!: CasePersonRole;

  @Column({ name: 'given_name', type: 'varchar', length: 120 })
  givenName!: string;

  @Column({ name: 'family_name', type: 'varchar', length: 120 })
  familyName!: string;

  @Column({ name: 'date_of_birth', type: 'date' })
  dateOfBirth!: string;

  @Column({ type: 'char', length: 2 })
  nationality!: string;

  /** As the person states it; reported only as a count by sex. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  sex!: Sex | null;
}
