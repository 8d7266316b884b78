import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { CurrentUser, type StaffPrincipal } from '../auth/principal';
import { CaseListExport } from './case-list-export';
import { ReportQueryDto } from './dto/report-query.dto';
import { FigureView, MoneyFigureView, ScoreView, StageDaysView, SummaryReportView } from './dto/report-views';
import { figuresCsv } from './report-csv';
import type { SummaryReport } from './report-figures';
import { reportPeriod } from './report-period';
import { REPORT_READERS } from './report-roles';
import { SummaryReports } from './summary-reports';

const SUMMARY_EXAMPLE = {
  programmes: ['AVRR-RO'],
  from: '2015-01',
  to: '2023-12',
  granularity: 'year',
  suppressBelow: 5,
  figures: {
    departed: {
      unit: 'people',
      total: 422,
      byPeriod: { '2015': 40, '2016': 51 },
      breakdowns: { sex: { female: 130, male: 290, other: null }, 'destination-country': { PK: 61 } },
    },
    allowances: {
      unit: 'people',
      total: 152,
      byPeriod: { '2015': 15 },
      breakdowns: { sex: { female: 50, male: 102 } },
      amounts: { USD: { count: 152, amount: 15200, amountByPeriod: { '2015': 1500 } } },
    },
    closed: { unit: 'cases', total: 410, byPeriod: {}, breakdowns: {}, details: { completed: 250, withdrawn: 160 } },
  },
  scores: { economic: { visits: 120, mean: 0.61 } },
  stageDays: { 'declaration-to-departure': { cases: 422, median: 21, p90: 48 } },
};

/** A CSV download, as the OpenAPI document tells a client. */
const CSV_FILE = { description: 'UTF-8 with a byte-order mark, CRLF line ends', schema: { type: 'string' } } as const;

@ApiTags('reports')
@ApiExtraModels(FigureView, MoneyFigureView, ScoreView, StageDaysView)
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: SummaryReports,
    private readonly caseList: CaseListExport,
  ) {}

  @Get('summary')
  @Roles(...REPORT_READERS)
  @ApiOperation({
    summary:
      "The programme's figures for a period: totals, per year or month, and broken down (small counts suppressed)",
  })
  @ApiOkResponse({
    description: 'Each figure is described in docs/reports.md',
    type: SummaryReportView,
    example: SUMMARY_EXAMPLE,
  })
  summary(@Query() query: ReportQueryDto, @CurrentUser() user: StaffPrincipal): Promise<SummaryReport> {
    return this.reports.summary(query, user);
  }

  @Get('summary.csv')
  @Roles(...REPORT_READERS)
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="avrr-figures.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV_FILE)
  @ApiOperation({ summary: 'The same figures as a CSV file (UTF-8 with BOM, ISO dates)' })
  async summaryCsv(@Query() query: ReportQueryDto, @CurrentUser() user: StaffPrincipal): Promise<string> {
    return figuresCsv(await this.reports.summary(query, user));
  }

  @Get('cases.csv')
  @Roles('supervisor', 'auditor')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="avrr-cases.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV_FILE)
  @ApiOperation({ summary: 'The cases with anything counted in the period: codes, groups and dates, no names' })
  async caseListCsv(@Query() query: ReportQueryDto, @CurrentUser() user: StaffPrincipal): Promise<string> {
    const period = reportPeriod(query.from, query.to, query.granularity);
    return this.caseList.csv(user, await this.reports.scope(query, user), period);
  }
}
