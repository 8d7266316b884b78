import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, registerDecorator } from 'class-validator';
import { DataSource } from 'typeorm';
import { PARTNER_KINDS, type PartnerKind } from '@avrr/contracts';
import { PartnerDirectory, PartnerEntity } from '@avrr/persistence';
import { Roles } from '../auth/access.decorators';
import { ROLES } from '../auth/roles';
import { NotFoundError } from '../errors/domain-errors';

/** What `place` is for each kind of partner. */
const PLACE_RULES: Record<PartnerKind, { pattern: RegExp; rule: string }> = {
  consulate: { pattern: /^[A-Z]{2}$/, rule: 'the ISO 3166-1 alpha-2 code of the country whose documents it issues' },
  mission: { pattern: /^[A-Z]{2}$/, rule: 'the ISO 3166-1 alpha-2 code of the country it works in' },
  'airport-assistance': { pattern: /^[A-Z]{3}$/, rule: 'the IATA code of its airport' },
  'travel-agency': {
    pattern: /^[A-Z0-9-]{2,10}$/,
    rule: 'an agency code of 2 to 10 upper-case letters, digits or dashes',
  },
  accommodation: { pattern: /^[A-Z]{2}$/, rule: 'the ISO 3166-1 alpha-2 code of the host country it serves' },
};

function IsPlaceOfKind() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isPlaceOfKind',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown, args) => {
          const rule = PLACE_RULES[(args?.object as PartnerDto).kind];
          return !rule || (typeof value === 'string' && rule.pattern.test(value));
        },
        defaultMessage: (args) =>
          `place must be ${PLACE_RULES[(args?.object as PartnerDto).kind]?.rule ?? 'given'} for a ${(args?.object as PartnerDto).kind}`,
      },
    });
}

class PartnerDto {
  @ApiProperty({ enum: PARTNER_KINDS })
  @IsIn(PARTNER_KINDS, { message: `kind must be one of: ${PARTNER_KINDS.join(', ')}` })
  kind!: PartnerKind;

  @ApiProperty({ example: 'PK', description: 'Country (consulate, mission), IATA airport, or agency code' })
  @IsPlaceOfKind()
  place!: string;

  @ApiProperty({ example: 'Consulate of Pakistan in Bucharest' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'consular@example.org', description: 'Where requests, reminders and cancellations go' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email!: string;
}

class PartnerQueryDto {
  @ApiPropertyOptional({ enum: PARTNER_KINDS })
  @IsOptional()
  @IsIn(PARTNER_KINDS, { message: `kind must be one of: ${PARTNER_KINDS.join(', ')}` })
  kind?: PartnerKind;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10) place?: string;
}

class PartnerView extends PartnerDto {
  @ApiProperty() id!: string;
}

/** The partners that receive requests: one per kind and place, so each step knows whom to ask. */
@ApiTags('partners')
@Controller('partners')
export class PartnersController {
  constructor(
    private readonly partners: PartnerDirectory,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @Roles(...ROLES)
  @ApiOkResponse({ type: [PartnerView] })
  find(@Query() query: PartnerQueryDto): Promise<PartnerView[]> {
    return this.dataSource.manager.find(PartnerEntity, {
      where: { ...(query.kind && { kind: query.kind }), ...(query.place && { place: query.place }) },
      order: { kind: 'ASC', place: 'ASC' },
    });
  }

  @Post()
  @Roles('administrator')
  @ApiOperation({ summary: 'Add the partner of a kind for a place, or replace the one there' })
  @ApiCreatedResponse({ type: PartnerView })
  save(@Body() dto: PartnerDto): Promise<PartnerView> {
    return this.partners.upsert(dto);
  }

  @Delete(':id')
  @Roles('administrator')
  @HttpCode(HttpStatus.NO_CONTENT)
  async remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    const { affected } = await this.dataSource.manager.delete(PartnerEntity, { id });
    if (!affected) throw new NotFoundError(`no partner ${id}`);
  }
}
