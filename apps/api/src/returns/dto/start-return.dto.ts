import { ApiProperty } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsIn, Matches } from 'class-validator';
import { SEXES, TARGET_GROUPS, VULNERABILITIES, type Sex, type TargetGroup } from '@avrr/contracts';
import { DiffersFrom, IsCaseRef, IsCountryCode, SpellsNoPersonalData } from '../../common/code-rules';
import { PROGRAMME_CODE } from '../../programmes/dto/policy.dto';
import { NestedArray, NestedObject, Optional, NoRepeats } from '../../common/nested';
import { IsSingleLine } from '../../common/text-rules';
import { IsBirthDate } from './date-only.validators';

export class PersonDto {
  @ApiProperty({ example: 'Amina' })
  @IsSingleLine(120)
  givenName!: string;

  @ApiProperty({ example: 'Khan' })
  @IsSingleLine(120)
  familyName!: string;

  @ApiProperty({ example: '1990-04-12', description: 'YYYY-MM-DD, not in the future, at most 130 years ago' })
  @IsBirthDate()
  dateOfBirth!: string;

  @ApiProperty({ example: 'PK', description: 'ISO 3166-1 alpha-2' })
  @IsCountryCode()
  nationality!: string;

  @ApiProperty({ enum: SEXES, required: false, description: 'As the person states it; counted in the reports' })
  @Optional()
  @IsIn(SEXES)
  sex?: Sex;
}

export class DestinationDto {
  @ApiProperty({ example: 'PK', description: 'ISO 3166-1 alpha-2' })
  @IsCountryCode()
  country!: string;

  @ApiProperty({ example: 'Lahore', description: 'Final destination in the country of origin' })
  @IsSingleLine(120)
  city!: string;
}

export class StartReturnDto {
  @ApiProperty({
    example: 'RO-2026-0001',
    description:
      'The business key of the case: upper-case letters, digits and dashes; never a name or birth date of its persons',
  })
  @IsCaseRef()
  @SpellsNoPersonalData()
  caseRef!: string;

  @ApiProperty({ example: 'AVRR-DEMO', description: 'A programme your grant covers (npm start seeds AVRR-DEMO)' })
  @Matches(PROGRAMME_CODE, { message: 'programmeCode must be 2 to 40 upper-case letters, digits or dashes' })
  programmeCode!: string;

  @ApiProperty({ example: 'RO', description: 'ISO 3166-1 alpha-2: where the returnee is now' })
  @IsCountryCode()
  @DiffersFrom('destination.country', 'a return goes to another country')
  hostCountry!: string;

  @ApiProperty({ type: DestinationDto })
  @NestedObject(() => DestinationDto)
  destination!: DestinationDto;

  @ApiProperty({ type: PersonDto })
  @NestedObject(() => PersonDto)
  returnee!: PersonDto;

  @ApiProperty({ type: [PersonDto], required: false, description: 'Family members returning on the same case' })
  @Optional()
  @NestedArray(() => PersonDto, 20)
  dependants?: PersonDto[];

  @ApiProperty({ enum: TARGET_GROUPS, description: "Why the programme may assist: the case's target group" })
  @IsIn(TARGET_GROUPS, { message: `targetGroup must be one of: ${TARGET_GROUPS.join(', ')}` })
  targetGroup!: TargetGroup;

  @ApiProperty({ enum: VULNERABILITIES, isArray: true, required: false })
  @Optional()
  @IsArray()
  @NoRepeats()
  @IsIn(VULNERABILITIES, { each: true, message: `vulnerabilities must each be one of: ${VULNERABILITIES.join(', ')}` })
  vulnerabilities?: string[];

  @ApiProperty({ description: 'Whether every traveller holds a valid passport; without one the consulate is asked' })
  @IsBoolean()
  hasValidTravelDocument!: boolean;
}
