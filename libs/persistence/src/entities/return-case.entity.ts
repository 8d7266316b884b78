import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { ProgrammePolicyEntity } from './programme.entity';
import type { ReturnStage } from '@avrr/contracts';
import { CasePersonEntity } from './case-person.entity';

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

  /** The stage as the workflow last recorded it; Temporal holds the live one. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  stage!: ReturnStage | null;

  @Column({ name: 'workflow_id', type: 'varchar', length: 80 })
  workflowId!: string;

  @OneToMany(() => CasePersonEntity, (person) => person.returnCase, { cascade: ['insert'] })
  persons!: CasePersonEntity[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
