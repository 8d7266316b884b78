import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type TravelDocumentType = 'passport' | 'laissez-passer' | 'emergency-travel-document';

/** The document the consulate issued. Its number is shown masked and never leaves PostgreSQL for Temporal. */
@Entity('travel_documents')
export class TravelDocumentEntity {
  @PrimaryColumn({ name: 'case_ref', type: 'varchar', length: 40 })
  caseRef!: string;

  @Column({ name: 'document_type', type: 'varchar', length: 40 })
  documentType!: TravelDocumentType;

  @Column({ name: 'document_number', type: 'varchar', length: 40 })
  documentNumber!: string;

  @Column({ name: 'expires_on', type: 'date' })
  expiresOn!: string;

  @Column({ name: 'recorded_by', type: 'varchar', length: 80 })
  recordedBy!: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
