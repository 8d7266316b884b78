import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { ROLES, type Role } from '../../auth/roles';

const PROGRAMMES_RULE = 'programmes must be null (all programmes) or a list of programme codes';

export class CreateStaffUserDto {
  @ApiProperty({ example: 'm.popescu' })
  @Matches(/^[a-z0-9._-]{3,60}$/, {
    message: 'username must be 3 to 60 lower-case letters, digits, dots, dashes or underscores',
  })
  username!: string;

  @ApiProperty({ example: 'Maria Popescu' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  displayName!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(ROLES, { each: true, message: `roles must each be one of: ${ROLES.join(', ')}` })
  roles!: Role[];

  @ApiProperty({ type: [String], nullable: true, description: 'Programme codes the grant covers; null for all' })
  @ValidateIf((_, value) => value !== null)
  @IsArray({ message: PROGRAMMES_RULE })
  @IsString({ each: true, message: PROGRAMMES_RULE })
  programmes!: string[] | null;

  @ApiPropertyOptional({ description: 'For local sign-in; at least 12 characters. Omit for identity-provider users.' })
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(200)
  password?: string;
}

export class ChangeStaffUserDto extends PartialType(
  PickType(CreateStaffUserDto, ['displayName', 'roles', 'programmes', 'password'] as const),
) {
  @ApiPropertyOptional({ description: 'false disables sign-in' })
  @IsOptional()
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
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  username!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password!: string;
}
