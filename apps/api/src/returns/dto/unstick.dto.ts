import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Matches, ValidateIf } from 'class-validator';
import { UNSTICK_ACTIONS, type UnstickAction } from '@avrr/contracts';
import { IsNote } from '../../common/text-rules';
import { IsDueWithinAYear } from '../../common/validators';

export class UnstickDto {
  @ApiProperty({
    enum: UNSTICK_ACTIONS,
    description:
      'resend: remind the partner now; extend: move the due date; reassign: hand the step to another partner',
  })
  @IsIn(UNSTICK_ACTIONS, { message: `action must be one of: ${UNSTICK_ACTIONS.join(', ')}` })
  action!: UnstickAction;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'For extend: the new due date, later than the current one and at most a year ahead',
  })
  @ValidateIf((dto: UnstickDto) => dto.action === 'extend' || dto.until !== undefined)
  @IsDueWithinAYear({ message: 'until must be an ISO 8601 date-time from now to a year ahead (required to extend)' })
  until?: string;

  @ApiPropertyOptional({ example: 'MD', description: "For reassign: the other partner's place (same kind)" })
  @ValidateIf((dto: UnstickDto) => dto.action === 'reassign' || dto.place !== undefined)
  @Matches(/^[A-Z0-9]{2,10}$/, {
    message: 'place must be a place code such as a country or airport (required to reassign)',
  })
  place?: string;

  @ApiProperty({ example: 'The consulate asked for more time by phone', description: 'Kept in the case timeline' })
  @IsNote(500)
  reason!: string;
}
