import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { SurveyScores } from '@avrr/contracts';
import { ReturnCaseEntity } from './return-case.entity';

/** A follow-up after return: done (with the survey's answers and scores) or missed. */
@Entity('monitoring_visits')
export class MonitoringVisitEntity {
  @PrimaryColumn({ name: 'case_ref', type: 'varchar', length: 40 })
  caseRef!: string;

  @PrimaryColumn({ name: 'follow_up', type: 'int' })
  followUp!: number;

  @ManyToOne(() => ReturnCaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_ref', foreignKeyConstraintName: 'monitoring_visits_case_ref_fkey' })
  returnCase?: ReturnCaseEntity;

  /** The follow-up date, for a missed visit. */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ type: 'varchar', length: 10 })
  status!: 'done' | 'missed';

  @Column({ name: 'visited_on', type: 'date', nullable: true })
  visitedOn!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  answers!: Record<string, number> | null;

  @Column({ type: 'jsonb', nullable: true })
  scores!: SurveyScores | null;

  /** The policy version and survey version the scores were computed with. */
  @Column({ name: 'policy_version', type: 'int', nullable: true })
  policyVersion!: number | null;

  @Column({ name: 'survey_version', type: 'varchar', length: 40, nullable: true })
  surveyVersion!: string | null;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
