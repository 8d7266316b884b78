import {
  BREAKDOWNS,
  REPORT_METRICS,
  SCORE_DIMENSIONS,
  STAGE_SPANS,
  type Breakdown,
  type ReportMetric,
  type StageSpan,
} from '@avrr/contracts';
import { EXCESS } from '@avrr/persistence';
import type { ReportPeriod } from './report-period';

/** A summed tally: over the whole period (period null) or one of its years or months. */
export interface TallySum {
  metric: string;
  dimension: string;
  value: string;
  period: string | null;
  count: number;
  amount: number;
}

export interface MoneyFigure {
  count: number;
  amount: number;
  amountByPeriod: Record<string, number>;
}

export interface Figure {
  unit: string;
  total: number;
  byPeriod: Record<string, number>;
  /** Counts per value; null where the count is under the suppression threshold. */
  breakdowns: Record<Breakdown, Record<string, number | null>>;
  /** A refusal's reasons, a closure's outcomes. */
  details?: Record<string, number>;
  /** Count and amount per currency. */
  amounts?: Record<string, MoneyFigure>;
}

export interface SummaryReport {
  programmes: string[] | 'all';
  from: string;
  to: string;
  granularity: 'year' | 'month';
  suppressBelow: number;
  figures: Record<ReportMetric, Figure>;
  /** Mean survey scores (0 to 1) over the visits done in the period. */
  scores: Record<string, { visits: number; mean: number | null }>;
  /** Days from one milestone to the next, for the spans that ended in the period. */
  stageDays: Record<StageSpan, { cases: number; median: number | null; p90: number | null }>;
}

const round = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;

/** Lays the summed tallies out as the report, suppressing small breakdown cells. */
export function summaryReport(
  sums: TallySum[],
  period: ReportPeriod,
  programmes: string[] | 'all',
  suppressBelow: number,
): SummaryReport {
  const figures = {} as Record<ReportMetric, Figure>;
  for (const [metric, unit] of Object.entries(REPORT_METRICS) as [ReportMetric, string][]) {
    figures[metric] = {
      unit,
      total: 0,
      byPeriod: Object.fromEntries(period.labels.map((label) => [label, 0])),
      breakdowns: Object.fromEntries(BREAKDOWNS.map((b) => [b, {}])) as Figure['breakdowns'],
    };
  }
  const scores = Object.fromEntries(SCORE_DIMENSIONS.map((d) => [d, { visits: 0, mean: null as number | null }]));
  const days = new Map<string, Map<number, number>>();
  // A cell is shown when it counts enough people and enough cases: one family of five is not shown as five.
  const excess = new Map<string, number>();
  const cellKey = (metric: string, breakdown: string, value: string) => `${metric}\u0000${breakdown}\u0000${value}`;
  for (const sum of sums) {
    if (sum.period === null && sum.dimension.startsWith(EXCESS)) {
      excess.set(cellKey(sum.metric, sum.dimension.slice(EXCESS.length), sum.value), sum.count);
    }
  }
  for (const sum of sums) {
    const figure = figures[sum.metric as ReportMetric] as Figure | undefined;
    if (sum.metric.startsWith('score-') && sum.period === null) {
      const dimension = sum.metric.slice('score-'.length);
      scores[dimension] = { visits: sum.count, mean: sum.count ? round(sum.amount / sum.count, 4) : null };
    } else if (sum.metric.startsWith('days:') && sum.period === null) {
      const span = sum.metric.slice('days:'.length);
      if (!days.has(span)) days.set(span, new Map());
      days.get(span)!.set(Number(sum.value), sum.count);
    } else if (!figure) {
      continue;
    } else if (sum.dimension === 'total') {
      if (sum.period === null) figure.total = sum.count;
      else figure.byPeriod[sum.period] = sum.count;
    } else if (sum.dimension === 'currency') {
      figure.amounts ??= {};
      const money = (figure.amounts[sum.value] ??= { count: 0, amount: 0, amountByPeriod: {} });
      if (sum.period === null) Object.assign(money, { count: sum.count, amount: round(sum.amount, 2) });
      else money.amountByPeriod[sum.period] = round(sum.amount, 2);
    } else if (sum.period !== null || sum.dimension.startsWith(EXCESS)) {
      continue;
    } else if ((BREAKDOWNS as readonly string[]).includes(sum.dimension)) {
      const cases = sum.count - (excess.get(cellKey(sum.metric, sum.dimension, sum.value)) ?? 0);
      const cell = sum.count > 0 && (sum.count < suppressBelow || cases < suppressBelow) ? null : sum.count;
      figure.breakdowns[sum.dimension as Breakdown][sum.value] = cell;
    } else {
      figure.details ??= {};
      figure.details[sum.value] = sum.count;
    }
  }
  const stageDays = Object.fromEntries(
    Object.keys(STAGE_SPANS).map((span) => [span, percentiles(days.get(span) ?? new Map())]),
  ) as SummaryReport['stageDays'];
  return {
    programmes,
    from: period.from,
    to: period.to,
    granularity: period.granularity,
    suppressBelow,
    figures,
    scores,
    stageDays,
  };
}

/** Median and 90th percentile by nearest rank (the smallest value with at least that share of cases at or below). */
export function percentiles(histogram: Map<number, number>): {
  cases: number;
  median: number | null;
  p90: number | null;
} {
  const values = [...histogram.entries()].sort(([a], [b]) => a - b);
  const cases = values.reduce((n, [, count]) => n + count, 0);
  const at = (share: number) => {
    const rank = Math.ceil(share * cases);
    let seen = 0;
    for (const [value, count] of values) {
      seen += count;
      if (seen >= rank) return value;
    }
    return null;
  };
  return { cases, median: cases ? at(0.5) : null, p90: cases ? at(0.9) : null };
}
