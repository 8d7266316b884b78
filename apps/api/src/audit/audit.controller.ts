import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DataSource, LessThanOrEqual, MoreThanOrEqual, And, type FindOptionsWhere } from 'typeorm';
import { AuditEntryEntity } from '@avrr/persistence';
import { Roles } from '../auth/access.decorators';

class AuditQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) caseRef?: string;
  @ApiPropertyOptional({ description: 'A staff id' }) @IsOptional() @IsString() @MaxLength(120) actor?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() to?: string;
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
  @ApiProperty({ format: 'date-time' }) occurredAt!: Date;
  @ApiProperty() actor!: string;
  @ApiProperty({ example: 'POST /returns/:caseRef/travel-document' }) action!: string;
  @ApiProperty({ nullable: true }) caseRef!: string | null;
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
  @ApiOperation({ summary: 'Who did what, newest first, filtered by case, staff member and time' })
  @ApiOkResponse({ type: [AuditEntryView] })
  find(@Query() query: AuditQueryDto): Promise<AuditEntryView[]> {
    const where: FindOptionsWhere<AuditEntryEntity> = {};
    if (query.caseRef) where.caseRef = query.caseRef;
    if (query.actor) where.actor = query.actor;
    const bounds = [
      ...(query.from ? [MoreThanOrEqual(new Date(query.from))] : []),
      ...(query.to ? [LessThanOrEqual(new Date(query.to))] : []),
    ];
    if (bounds.length) where.occurredAt = And(...bounds);
    return this.dataSource.manager.find(AuditEntryEntity, {
      where,
      order: { occurredAt: 'DESC', id: 'DESC' },
      take: query.limit ?? 100,
    });
  }
}
