import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A supervisor handed a case's step to another partner of the same kind: its requests go to `toPlace`'s partner. */
@Entity('partner_handovers')
export class PartnerHandoverEntity {
  @PrimaryColumn({ name: 'case_ref', type: 'varchar', length: 40 })
  caseRef!: string;

  @PrimaryColumn({ type: 'varchar', length: 30 })
  kind!: string;

  @PrimaryColumn({ name: 'from_place', type: 'varchar', length: 10 })
  fromPlace!: string;

  @Column({ name: 'to_place', type: 'varchar', length: 10 })
  toPlace!: string;

  @Column({ name: 'handed_over_by', type: 'text' })
  handedOverBy!: string;

  @CreateDateColumn({ name: 'handed_over_at', type: 'timestamptz' })
  handedOverAt!: Date;
}
