import { ApiProperty } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import type { TravelDocumentType } from '@avrr/persistence';
import { IsFutureDate } from './date-only.validators';

const DOCUMENT_TYPES: TravelDocumentType[] = ['passport', 'laissez-passer', 'emergency-travel-document'];

export class RecordTravelDocumentDto {
  @ApiProperty({ enum: DOCUMENT_TYPES })
  @IsIn(DOCUMENT_TYPES)
  documentType!: TravelDocumentType;

  @ApiProperty({ example: 'AB1234567', description: 'Stored, and shown masked to all but its last 4 characters' })
  @Matches(/^[A-Z0-9]{5,20}$/, { message: 'documentNumber must be 5 to 20 upper-case letters or digits' })
  documentNumber!: string;

  @ApiProperty({ example: '2031-01-31', description: 'YYYY-MM-DD, in the future' })
  @IsFutureDate()
  expiresOn!: string;
}
