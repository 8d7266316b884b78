import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { TravelCheck } from '@avrr/contracts';
import { ReturnCaseEntity } from './return-case.entity';

/** A step a vulnerability requires before booking: a doctor's fit-to-travel confirmation, family tracing. */
@Entity('travel_checks')
export class TravelCheckEntity {
  @PrimaryColumn({ name: 'case_ref', type: 'varchar', length: 40 })
  caseRef!: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  check!: TravelCheck;

  @ManyToOne(() => ReturnCaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_ref', foreignKeyConstraintName: 'travel_checks_case_ref_fkey' })
  returnCase?: ReturnCaseEntity;

  @Column({ name: 'done_on', type: 'date' })
  doneOn!: string;

  /** Who confirmed or traced, and what was found: health and family details, read by staff only. */
  @Column({ type: 'text' })
  note!: string;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
