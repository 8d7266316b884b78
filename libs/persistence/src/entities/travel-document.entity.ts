import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { ReturnCaseEntity } from './return-case.entity';

export type TravelDocumentType = 'passport' | 'laissez-passer' | 'emergency-travel-document';

/** The document the consulate issued. Its number is shown masked and never leaves PostgreSQL for Temporal. */
@Entity('travel_documents')
export class TravelDocumentEntity {
  @PrimaryColumn({ name: 'case_ref', type: 'varchar', length: 40 })
  caseRef!: string;

  @OneToOne(() => ReturnCaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_ref', foreignKeyConstraintName: 'travel_documents_case_ref_fkey' })
  returnCase?: ReturnCaseEntity;

  @Column({ name: 'document_type', type: 'varchar', length: 40 })
  documentType!: TravelDocumentType;

  @Column({ name: 'document_number', type: 'varchar', length: 40 })
  documentNumber!: string;

  @Column({ name: 'expires_on', type: 'date' })
  expiresOn!: string;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
