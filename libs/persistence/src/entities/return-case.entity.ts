import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { ProgrammePolicyEntity } from './programme.entity';
import type { CaseOutcome, ReturnStage, TargetGroup } from '@avrr/contracts';
import { CasePersonEntity } from './case-person.entity';

// The case list's indexes (created_at DESC in the migration, which decorators cannot say).
@Index('return_cases_recent', ['createdAt', 'caseRef'])
@Index('return_cases_stage_recent', ['stage', 'createdAt', 'caseRef'])
@Index('return_cases_destination_recent', ['destinationCountry', 'createdAt', 'caseRef'])
@Index('return_cases_programme_recent', ['programmeCode', 'createdAt', 'caseRef'])
@Index('return_cases_outcome_recent', ['outcome', 'createdAt', 'caseRef'])
@Entity('return_cases')
export class ReturnCaseEntity {
  @PrimaryColumn({ name: 'case_ref', type: 'varchar', length: 40 })
  caseRef!: string;

  @Column({ name: 'programme_code', type: 'varchar', length: 40 })
  programmeCode!: string;

  @Column({ name: 'policy_version', type: 'int' })
  policyVersion!: number;

  /** The policy version the case pinned when it started. */
  @ManyToOne(() => ProgrammePolicyEntity)
  @JoinColumn([
    {
      name: 'programme_code',
      referencedColumnName: 'programmeCode',
      foreignKeyConstraintName: 'return_cases_programme_code_policy_version_fkey',
    },
    { name: 'policy_version', referencedColumnName: 'version' },
  ])
  policy?: ProgrammePolicyEntity;

  @Column({ name: 'host_country', type: 'char', length: 2 })
  hostCountry!: string;

  @Column({ name: 'destination_country', type: 'char', length: 2 })
  destinationCountry!: string;

  @Column({ name: 'destination_city', type: 'varchar', length: 120 })
  destinationCity!: string;

  @Column({ name: 'has_valid_travel_document', type: 'boolean' })
  hasValidTravelDocument!: boolean;

  @Column({ name: 'target_group', type: 'varchar', length: 40 })
  targetGroup!: TargetGroup;

  /** Vulnerabilities assessed at intake (victim of trafficking, unaccompanied child, medical need, ...). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  vulnerabilities!: string[];

  @Column({ type: 'varchar', length: 40, nullable: true })
  outcome!: CaseOutcome | null;

  @Column({ name: 'outcome_reason', type: 'text', nullable: true })
  outcomeReason!: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'declaration_signed_on', type: 'date', nullable: true })
  declarationSignedOn!: string | null;

  @Column({ name: 'declaration_recorded_by', type: 'text', nullable: true })
  declarationRecordedBy!: string | null;

  /** The stage as the workflow last recorded it; Temporal holds the live one. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  stage!: ReturnStage | null;

  /** Null for a case refused at intake: no return was started. */
  @Column({ name: 'workflow_id', type: 'varchar', length: 80, nullable: true })
  workflowId!: string | null;

  @OneToMany(() => CasePersonEntity, (person) => person.returnCase, { cascade: ['insert'] })
  persons!: CasePersonEntity[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
