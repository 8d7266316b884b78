import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, registerDecorator } from 'class-validator';
import { isValid as isCountryCode } from 'i18n-iso-countries';
import { DataSource } from 'typeorm';
import { PARTNER_KINDS, type PartnerKind } from '@avrr/contracts';
import { PartnerDirectory, PartnerEntity, preparedQuery } from '@avrr/persistence';
import { Roles } from '../auth/access.decorators';
import { CurrentUser, type StaffPrincipal } from '../auth/principal';
import { assertGrantForAll } from '../auth/programme-scope';
import { IATA_AIRPORT } from '../common/code-rules';
import { auditTarget } from '../logging/case-ref-of';
import { IsEmailAddress, IsSingleLine } from '../common/text-rules';
import { ROLES } from '../auth/roles';
import { NotFoundError } from '../errors/domain-errors';
import { RepeatableWrite } from '../steps/repeatable-writes';

/** What `place` is for each kind of partner. */
const country = (value: string) => /^[A-Z]{2}$/.test(value) && isCountryCode(value);
const PLACE_RULES: Record<PartnerKind, { holds: (value: string) => boolean; rule: string }> = {
  consulate: { holds: country, rule: 'the ISO 3166-1 alpha-2 code of the country whose documents it issues' },
  mission: { holds: country, rule: 'the ISO 3166-1 alpha-2 code of the country it works in' },
  'airport-assistance': { holds: (v) => IATA_AIRPORT.test(v), rule: 'the IATA code of its airport' },
  'travel-agency': {
    holds: (v) => /^[A-Z0-9-]{2,10}$/.test(v),
    rule: 'an agency code of 2 to 10 upper-case letters, digits or dashes',
  },
  accommodation: { holds: country, rule: 'the ISO 3166-1 alpha-2 code of the host country it serves' },
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
          return !rule || (typeof value === 'string' && rule.holds(value));
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
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsPlaceOfKind()
  place!: string;

  @ApiProperty({ example: 'Consulate of Pakistan in Bucharest' })
  @IsSingleLine(200)
  name!: string;

  @ApiProperty({ example: 'consular@example.org', description: 'Where requests, reminders and cancellations go' })
  @IsEmailAddress()
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
  @RepeatableWrite()
  @ApiOperation({ summary: 'Add the partner of a kind for a place, or replace the one there' })
  @ApiCreatedResponse({ type: PartnerView })
  async save(@Body() dto: PartnerDto, @CurrentUser() user: StaffPrincipal): Promise<PartnerView> {
    assertGrantForAll(user, 'the partner directory');
    const before = await this.dataSource.manager.findOneBy(PartnerEntity, { kind: dto.kind, place: dto.place });
    auditTarget(`partner ${dto.kind} ${dto.place} (${before ? `replaced ${before.email}` : 'added'})`);
    return this.partners.upsert(dto);
  }

  @Delete(':id')
  @Roles('administrator')
  @RepeatableWrite()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The partner is removed from the directory' })
  async remove(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: StaffPrincipal): Promise<void> {
    assertGrantForAll(user, 'the partner directory');
    const [removed] = await preparedQuery<Pick<PartnerEntity, 'kind' | 'place' | 'email'>>(
      this.dataSource.manager,
      'DELETE FROM partners WHERE id = $1 RETURNING kind, place, email',
      [id],
    );
    if (!removed) throw new NotFoundError(`no partner ${id}`);
    auditTarget(`partner ${removed.kind} ${removed.place} (removed ${removed.email})`);
  }
}
