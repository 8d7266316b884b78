import { BREAKDOWNS } from '@avrr/contracts';
import { csvFile } from './csv';
import type { SummaryReport } from './report-figures';

export const FIGURES_CSV_HEADER = ['figure', 'unit', 'breakdown', 'value', 'count', 'amount', 'currency', 'note'];

/**
 * The report as one table: per figure its total, one row per year or month, one per breakdown value (empty count,
 * note "suppressed", under the threshold), its details, and its amounts per currency; then the mean scores and
 * the days per stage span.
 */
export function figuresCsv(report: SummaryReport): string {
  const rows: (string | number | null)[][] = [];
  for (const [name, figure] of Object.entries(report.figures)) {
    rows.push([name, figure.unit, 'total', '', figure.total, null, null, null]);
    for (const [label, count] of Object.entries(figure.byPeriod)) {
      rows.push([name, figure.unit, report.granularity, label, count, null, null, null]);
    }
    for (const breakdown of BREAKDOWNS) {
      for (const [value, count] of Object.entries(figure.breakdowns[breakdown])) {
        rows.push([name, figure.unit, breakdown, value, count, null, null, count === null ? 'suppressed' : null]);
      }
    }
    for (const [value, count] of Object.entries(figure.details ?? {})) {
      rows.push([name, figure.unit, name === 'closed' ? 'outcome' : 'reason', value, count, null, null, null]);
    }
    for (const [currency, money] of Object.entries(figure.amounts ?? {})) {
      rows.push([name, figure.unit, 'currency', currency, money.count, money.amount.toFixed(2), currency, null]);
      for (const [label, amount] of Object.entries(money.amountByPeriod)) {
        rows.push([name, figure.unit, `${report.granularity} amount`, label, null, amount.toFixed(2), currency, null]);
      }
    }
  }
  for (const [dimension, { visits, mean }] of Object.entries(report.scores)) {
    rows.push(['mean score', 'visits', 'dimension', dimension, visits, mean, null, null]);
  }
  for (const [span, { cases, median, p90 }] of Object.entries(report.stageDays)) {
    rows.push([`days ${span}`, 'cases', 'total', '', cases, null, null, null]);
    rows.push([`days ${span}`, 'days', 'median', '', median, null, null, null]);
    rows.push([`days ${span}`, 'days', 'p90', '', p90, null, null, null]);
  }
  return csvFile(FIGURES_CSV_HEADER, rows);
}
