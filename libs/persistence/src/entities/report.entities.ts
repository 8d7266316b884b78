import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { ReturnCaseEntity } from './return-case.entity';

/** A person as the figures count them: no name, no birth date. */
export interface ReportPerson {
  sex: string;
  ageGroup: string;
}

/** What a case's figures are broken down by, fixed at intake; written for live and imported cases alike. */
@Entity('report_cases')
@Index('report_cases_programme_opened', ['programmeCode', 'openedOn'])
export class ReportCaseEntity {
  @PrimaryColumn({ name: 'case_ref', type: 'varchar', length: 40 })
  caseRef!: string;

  @OneToOne(() => ReturnCaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_ref', foreignKeyConstraintName: 'report_cases_case_ref_fkey' })
  returnCase?: ReturnCaseEntity;

  @Column({ name: 'programme_code', type: 'varchar', length: 40 })
  programmeCode!: string;

  @Column({ name: 'host_country', type: 'char', length: 2 })
  hostCountry!: string;

  @Column({ name: 'destination_country', type: 'char', length: 2 })
  destinationCountry!: string;

  @Column({ name: 'target_group', type: 'varchar', length: 40 })
  targetGroup!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  vulnerabilities!: string[];

  /** The returnee first, then the dependants. */
  @Column({ type: 'jsonb' })
  people!: ReportPerson[];

  @Column({ name: 'opened_on', type: 'date' })
  openedOn!: string;

  @Column({ type: 'varchar', length: 10 })
  source!: 'live' | 'import';

  /** For an imported case: the digest of its rows, so a repeated import of the same rows changes nothing. */
  @Column({ name: 'import_digest', type: 'varchar', length: 64, nullable: true })
  importDigest!: string | null;
}

/** A fact already counted in the tallies (e.g. "departed", "visit-done:2"): counted once, however often seen. */
@Entity('report_facts')
export class ReportFactEntity {
  @PrimaryColumn({ name: 'case_ref', type: 'varchar', length: 40 })
  caseRef!: string;

  @PrimaryColumn({ type: 'varchar', length: 60 })
  fact!: string;

  @ManyToOne(() => ReportCaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_ref', foreignKeyConstraintName: 'report_facts_case_ref_fkey' })
  reportCase?: ReportCaseEntity;

  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn!: string;

  /** The outcome, refusal reason or currency the fact was counted under. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  detail!: string | null;
}

/**
 * Counts (and amounts) per programme, period, metric and breakdown value: what the report sums. Each increment is
 * written at month grain ('m') and year grain ('y'), so a report over whole years reads the year rows.
 */
@Entity('report_tallies')
@Index('report_tallies_grain_period', ['grain', 'period'])
@Index('report_tallies_series', ['programmeCode', 'grain', 'dimension', 'period'])
export class ReportTallyEntity {
  @PrimaryColumn({ name: 'programme_code', type: 'varchar', length: 40 })
  programmeCode!: string;

  @PrimaryColumn({ type: 'char', length: 1 })
  grain!: 'm' | 'y';

  /** The first day of the month or year. */
  @PrimaryColumn({ type: 'date' })
  period!: string;

  @PrimaryColumn({ type: 'varchar', length: 60 })
  metric!: string;

  @PrimaryColumn({ type: 'varchar', length: 30 })
  dimension!: string;

  @PrimaryColumn({ type: 'varchar', length: 300 })
  value!: string;

  @Column({ type: 'bigint' })
  count!: string;

  @Column({ type: 'numeric', precision: 18, scale: 4, default: 0 })
  amount!: string;
}
