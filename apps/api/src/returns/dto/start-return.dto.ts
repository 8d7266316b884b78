import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO31661Alpha2,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CASE_REF_PATTERN, TARGET_GROUPS, VULNERABILITIES, type TargetGroup } from '@avrr/contracts';

import { IsPastDate } from './date-only.validators';

export class PersonDto {
  @ApiProperty({ example: 'Amina' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  givenName!: string;

  @ApiProperty({ example: 'Khan' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  familyName!: string;

  @ApiProperty({ example: '1990-04-12', description: 'YYYY-MM-DD, not in the future' })
  @IsPastDate()
  dateOfBirth!: string;

  @ApiProperty({ example: 'PK', description: 'ISO 3166-1 alpha-2' })
  @IsISO31661Alpha2()
  nationality!: string;
}

export class DestinationDto {
  @ApiProperty({ example: 'PK', description: 'ISO 3166-1 alpha-2' })
  @IsISO31661Alpha2()
  country!: string;

  @ApiProperty({ example: 'Lahore', description: 'Final destination in the country of origin' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  city!: string;
}

export class StartReturnDto {
  @ApiProperty({
    example: 'RO-2026-0001',
    description: 'The business key of the case: upper-case letters, digits and dashes, never a name',
  })
  @Matches(CASE_REF_PATTERN, { message: 'caseRef must be 3 to 40 upper-case letters, digits or dashes' })
  caseRef!: string;

  @ApiProperty({ example: 'AVRR-RO-2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  programmeCode!: string;

  @ApiProperty({ example: 'RO', description: 'ISO 3166-1 alpha-2: where the returnee is now' })
  @IsISO31661Alpha2()
  hostCountry!: string;

  @ApiProperty({ type: DestinationDto })
  @ValidateNested()
  @Type(() => DestinationDto)
  destination!: DestinationDto;

  @ApiProperty({ type: PersonDto })
  @ValidateNested()
  @Type(() => PersonDto)
  returnee!: PersonDto;

  @ApiProperty({ type: [PersonDto], required: false, description: 'Family members returning on the same case' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PersonDto)
  dependants?: PersonDto[];

  @ApiProperty({ enum: TARGET_GROUPS, description: "Why the programme may assist: the case's target group" })
  @IsIn(TARGET_GROUPS, { message: `targetGroup must be one of: ${TARGET_GROUPS.join(', ')}` })
  targetGroup!: TargetGroup;

  @ApiProperty({ enum: VULNERABILITIES, isArray: true, required: false })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(VULNERABILITIES, { each: true, message: `vulnerabilities must each be one of: ${VULNERABILITIES.join(', ')}` })
  vulnerabilities?: string[];

  @ApiProperty({ description: 'Whether every traveller holds a valid passport; without one the consulate is asked' })
  @IsBoolean()
  hasValidTravelDocument!: boolean;
}
