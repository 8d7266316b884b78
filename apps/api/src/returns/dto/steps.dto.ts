import { ApiProperty } from '@nestjs/swagger';
import { ArrayNotEmpty, IsArray, IsIn } from 'class-validator';
import { IsPastDate } from './date-only.validators';
import { NoRepeats } from '../../common/nested';

export const COUNSELLING_TOPICS = [
  'country-of-origin-information',
  'return-process',
  'reintegration-assistance',
  'rights-and-options',
  'travel-documents',
  'health',
  'family',
] as const;

export class CounsellingDto {
  @ApiProperty({ example: '2026-11-20', description: 'YYYY-MM-DD, not in the future' })
  @IsPastDate()
  heldOn!: string;

  @ApiProperty({ enum: COUNSELLING_TOPICS, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @NoRepeats()
  @IsIn(COUNSELLING_TOPICS, { each: true, message: `topics must each be one of: ${COUNSELLING_TOPICS.join(', ')}` })
  topics!: string[];
}

export class DeclarationDto {
  @ApiProperty({
    example: '2026-11-21',
    description:
      'The day the returnee signed, YYYY-MM-DD: not in the future, nor before the day before the case was opened',
  })
  @IsPastDate()
  signedOn!: string;
}
