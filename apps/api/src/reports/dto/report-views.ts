import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { BREAKDOWNS, REPORT_METRICS, SCORE_DIMENSIONS, STAGE_SPANS } from '@avrr/contracts';

// The report's shape for the OpenAPI document (and the console's generated types); the service's own types are
// in report-figures.ts and history-import.ts.

const counts = { type: 'object', additionalProperties: { type: 'number' } } as const;
/** An object with these keys, each required; `selfRequired` keeps the property itself required too. */
const keyed = (keys: readonly string[], schema: object) => ({
  type: 'object' as const,
  properties: Object.fromEntries(keys.map((key) => [key, schema])),
  required: [...keys],
  selfRequired: true,
});

export class MoneyFigureView {
  @ApiProperty() count!: number;
  @ApiProperty() amount!: number;
  @ApiProperty(counts) amountByPeriod!: Record<string, number>;
}

export class FigureView {
  @ApiProperty({ enum: [...new Set(Object.values(REPORT_METRICS))] }) unit!: string;
  @ApiProperty() total!: number;
  @ApiProperty({ ...counts, description: 'Every year or month of the period, zeros included' })
  byPeriod!: Record<string, number>;
  @ApiProperty({
    ...keyed(BREAKDOWNS, { type: 'object', additionalProperties: { type: 'number', nullable: true } }),
    description: 'Counts per value; null where the count is under the suppression threshold',
  })
  breakdowns!: Record<(typeof BREAKDOWNS)[number], Record<string, number | null>>;
  @ApiPropertyOptional({ ...counts, description: "A refusal's reasons, a closure's outcomes" })
  details?: Record<string, number>;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(MoneyFigureView) },
    description: 'Count and amount per currency',
  })
  amounts?: Record<string, MoneyFigureView>;
}

export class ScoreView {
  @ApiProperty() visits!: number;
  @ApiProperty({ type: 'number', nullable: true }) mean!: number | null;
}

export class StageDaysView {
  @ApiProperty() cases!: number;
  @ApiProperty({ type: 'number', nullable: true }) median!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) p90!: number | null;
}

export class SummaryReportView {
  @ApiProperty({
    oneOf: [
      { type: 'array', items: { type: 'string' } },
      { type: 'string', enum: ['all'] },
    ],
  })
  programmes!: string[] | 'all';
  @ApiProperty({ example: '2015-01' }) from!: string;
  @ApiProperty({ example: '2023-12' }) to!: string;
  @ApiProperty({ enum: ['year', 'month'] }) granularity!: 'year' | 'month';
  @ApiProperty() suppressBelow!: number;
  @ApiProperty(keyed(Object.keys(REPORT_METRICS), { $ref: getSchemaPath(FigureView) }))
  figures!: Record<string, FigureView>;
  @ApiProperty(keyed(SCORE_DIMENSIONS, { $ref: getSchemaPath(ScoreView) }))
  scores!: Record<string, ScoreView>;
  @ApiProperty(keyed(Object.keys(STAGE_SPANS), { $ref: getSchemaPath(StageDaysView) }))
  stageDays!: Record<string, StageDaysView>;
}

export class RefusedFieldView {
  @ApiProperty({ example: 14, description: "The row's line in the file (the header is line 1)" }) line!: number;
  @ApiProperty({ example: 'openedOn' }) field!: string;
  @ApiProperty({ example: 'must be a date (YYYY-MM-DD) not in the future' }) rule!: string;
}

export class ImportReportView {
  @ApiProperty({ example: 'AVRR-RO' }) programme!: string;
  @ApiProperty({ description: 'Cases written by this import' }) imported!: number;
  @ApiProperty({ description: 'Cases this file already imported, with the same rows: left as they are' })
  unchanged!: number;
  @ApiProperty({ type: [RefusedFieldView], description: 'Each rule a refused row breaks' })
  refused!: RefusedFieldView[];
}
