import { Body, Controller, Get, Header, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { Roles } from '../../auth/access.decorators';
import { CurrentUser, type StaffPrincipal } from '../../auth/principal';
import { InvalidFieldError } from '../../errors/domain-errors';
import { csvFile } from '../csv';
import { HISTORY_IMPORTERS } from '../report-roles';
import { HistoryImport, type ImportReport } from './history-import';
import { HISTORY_COLUMNS } from './history-rows';
import { ImportReportView } from '../dto/report-views';
import { RepeatableWrite } from '../../steps/repeatable-writes';

export class ImportQueryDto {
  @ApiProperty({ example: 'AVRR-RO', description: 'The programme the cases belong to' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  programme!: string;
}

@ApiTags('reports')
@Controller('reports/imports')
export class HistoryImportController {
  constructor(private readonly history: HistoryImport) {}

  @Get('template.csv')
  @Roles(...HISTORY_IMPORTERS)
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="avrr-history-template.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The header row, UTF-8 with a byte-order mark', schema: { type: 'string' } })
  @ApiOperation({ summary: 'The columns a history file must have (docs/reports.md describes each)' })
  template(): string {
    return csvFile([...HISTORY_COLUMNS], []);
  }

  @Post()
  @HttpCode(HttpStatus.OK)
  @RepeatableWrite()
  @Roles(...HISTORY_IMPORTERS)
  @ApiConsumes('text/csv')
  @ApiBody({ description: 'The history file, one row per person, UTF-8', schema: { type: 'string' } })
  @ApiOperation({ summary: "Import the programme's past cases as closed cases; the same file again changes nothing" })
  @ApiOkResponse({
    description: 'How many cases were imported or already there, and each refused row by line and field',
    type: ImportReportView,
  })
  @ApiBadRequestResponse({ description: 'Not a CSV body, a missing column, or an unknown programme' })
  import(
    @Query() query: ImportQueryDto,
    @Body() body: unknown,
    @CurrentUser() user: StaffPrincipal,
  ): Promise<ImportReport> {
    if (typeof body !== 'string' || body.length === 0) {
      throw new InvalidFieldError('body', 'must be the CSV file, sent as text/csv');
    }
    return this.history.import(query.programme, body, user);
  }
}
