import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsIn, Matches, ValidateIf } from 'class-validator';
import { ROLES, type Role } from '../../auth/roles';
import { Optional, NoRepeats } from '../../common/nested';
import { IsSecret, IsSingleLine } from '../../common/text-rules';
import { PROGRAMME_CODE } from '../../programmes/dto/policy.dto';

const USERNAME = /^[a-z0-9._-]{3,60}$/;
const USERNAME_RULE = 'username must be 3 to 60 lower-case letters, digits, dots, dashes or underscores';
const PROGRAMMES_RULE = 'programmes must be null (all programmes) or a list of programme codes';

export class CreateStaffUserDto {
  @ApiProperty({ example: 'm.popescu' })
  @Matches(USERNAME, { message: USERNAME_RULE })
  username!: string;

  @ApiProperty({ example: 'Maria Popescu' })
  @IsSingleLine(120)
  displayName!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @NoRepeats()
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true, message: `roles must each be one of: ${ROLES.join(', ')}` })
  roles!: Role[];

  @ApiProperty({
    type: [String],
    nullable: true,
    example: ['AVRR-DEMO'],
    description: 'Programme codes the grant covers; null for all',
  })
  @ValidateIf((_, value) => value !== null)
  @IsArray({ message: PROGRAMMES_RULE })
  @ArrayMaxSize(200)
  @NoRepeats()
  @Matches(PROGRAMME_CODE, { each: true, message: PROGRAMMES_RULE })
  programmes!: string[] | null;

  @ApiPropertyOptional({ description: 'For local sign-in; at least 12 characters. Omit for identity-provider users.' })
  @Optional()
  @IsSecret(12)
  password?: string;
}

export class ChangeStaffUserDto extends PartialType(
  PickType(CreateStaffUserDto, ['displayName', 'roles', 'programmes', 'password'] as const),
  { skipNullProperties: false },
) {
  @ApiPropertyOptional({ description: 'false disables sign-in' })
  @Optional()
  @IsBoolean()
  active?: boolean;
}

export class StaffUserView {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: string[];
  @ApiProperty({ type: [String], nullable: true }) programmes!: string[] | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
}

export class SignInDto {
  @ApiProperty({ example: 'admin' })
  @Matches(USERNAME, { message: USERNAME_RULE })
  username!: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsSecret(1)
  password!: string;
}
