import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuditEntryEntity, ReturnCaseEntity } from '@avrr/persistence';
import { Roles } from '../auth/access.decorators';
import { CurrentUser, type StaffPrincipal } from '../auth/principal';
import { IsCaseRef } from '../common/code-rules';
import { IsInstant } from '../common/validators';

class AuditQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsCaseRef()
  caseRef?: string;
  @ApiPropertyOptional({ description: 'A staff id' }) @IsOptional() @IsString() @MaxLength(1000) actor?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsInstant() from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsInstant() to?: string;
  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

class AuditEntryView {
  @ApiProperty() id!: string;
  @ApiProperty({ type: String, format: 'date-time' }) occurredAt!: Date;
  @ApiProperty() actor!: string;
  @ApiProperty({ example: 'POST /returns/:caseRef/travel-document' }) action!: string;
  @ApiProperty({ type: String, nullable: true }) caseRef!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'What else it acted on: a staff id, a programme code, a partner by kind and place',
    example: 'partner consulate PK (removed)',
  })
  target!: string | null;
  @ApiProperty() status!: number;
  @ApiProperty() address!: string;
  @ApiProperty() requestId!: string;
}

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Roles('auditor', 'administrator')
  @ApiOperation({
    summary: 'Who did what, newest first, filtered by case, staff member and time',
    description:
      'A grant limited to some programmes reads only the entries of their cases; entries of no case (sign-ins, ' +
      'staff, programmes, partners) only with a grant for all programmes.',
  })
  @ApiOkResponse({ type: [AuditEntryView] })
  find(@Query() query: AuditQueryDto, @CurrentUser() user: StaffPrincipal): Promise<AuditEntryView[]> {
    const entries = this.dataSource.manager
      .createQueryBuilder(AuditEntryEntity, 'entry')
      .orderBy('entry.occurredAt', 'DESC')
      .addOrderBy('entry.id', 'DESC')
      .limit(query.limit ?? 100);
    if (user.programmes !== null) {
      entries.innerJoin(
        ReturnCaseEntity,
        'scope',
        'scope.caseRef = entry.caseRef AND scope.programmeCode = ANY(:programmes)',
        { programmes: user.programmes },
      );
    }
    if (query.caseRef) entries.andWhere('entry.caseRef = :caseRef', { caseRef: query.caseRef });
    if (query.actor) entries.andWhere('entry.actor = :actor', { actor: query.actor });
    if (query.from) entries.andWhere('entry.occurredAt >= :from', { from: new Date(query.from) });
    if (query.to) entries.andWhere('entry.occurredAt <= :to', { to: new Date(query.to) });
    return entries.getMany();
  }
}
