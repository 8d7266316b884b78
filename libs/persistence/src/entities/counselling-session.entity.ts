import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ReturnCaseEntity } from './return-case.entity';

/** A counselling session: when, on which topics (e.g. country-of-origin information), by whom. */
@Entity('counselling_sessions')
@Index('counselling_sessions_case_ref', ['caseRef', 'heldOn'])
export class CounsellingSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_ref', type: 'varchar', length: 40 })
  caseRef!: string;

  @ManyToOne(() => ReturnCaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_ref', foreignKeyConstraintName: 'counselling_sessions_case_ref_fkey' })
  returnCase?: ReturnCaseEntity;

  @Column({ name: 'held_on', type: 'date' })
  heldOn!: string;

  @Column({ type: 'text', array: true })
  topics!: string[];

  /** The staff id of who counselled. */
  @Column({ type: 'text' })
  counsellor!: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
