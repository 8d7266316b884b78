import { InvalidFieldError } from '../errors/domain-errors';

/** A report's period: whole months, from the first to the last, and how the figures are laid out over it. */
export interface ReportPeriod {
  from: string;
  to: string;
  granularity: 'year' | 'month';
  /** The labels of the periods the figures are given for: "2019", or "2019-03". */
  labels: string[];
}

/** The most months a report by month spans (10 years); its answer grows with them. */
export const MONTHS_BY_MONTH = 120;

export function reportPeriod(
  from: string | undefined,
  to: string | undefined,
  granularity: 'year' | 'month' = 'year',
): ReportPeriod {
  const last = to ? (to.length === 4 ? `${to}-12` : to) : new Date().toISOString().slice(0, 7);
  const first = from ? (from.length === 4 ? `${from}-01` : from) : `${last.slice(0, 4)}-01`;
  if (first > last) throw new InvalidFieldError('to', `must not be before from (${first})`);
  if (granularity === 'month' && monthNumber(last) - monthNumber(first) >= MONTHS_BY_MONTH) {
    throw new InvalidFieldError('to', `must be within ${MONTHS_BY_MONTH} months of from (${first}) by month`);
  }
  const labels: string[] = [];
  if (granularity === 'year') {
    for (let year = Number(first.slice(0, 4)); year <= Number(last.slice(0, 4)); year++) labels.push(String(year));
  } else {
    for (let month = first; month <= last; month = nextMonth(month)) labels.push(month);
  }
  return { from: first, to: last, granularity, labels };
}

const monthNumber = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));

function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** A range of tally rows: year rows ('y') or month rows ('m'), from the first to the last period's first day. */
export interface TallyRange {
  grain: 'y' | 'm';
  first: string;
  last: string;
}

/**
 * The fewest tally rows that cover the period: the year rows of the whole years inside it, and the month rows of
 * the months before and after them (or only month rows when the period holds no whole year).
 */
export function tallyRanges(period: ReportPeriod): TallyRange[] {
  const [fromYear, fromMonth] = period.from.split('-').map(Number);
  const [toYear, toMonth] = period.to.split('-').map(Number);
  const firstWhole = fromMonth === 1 ? fromYear : fromYear + 1;
  const lastWhole = toMonth === 12 ? toYear : toYear - 1;
  if (firstWhole > lastWhole) return [{ grain: 'm', first: `${period.from}-01`, last: `${period.to}-01` }];
  const ranges: TallyRange[] = [{ grain: 'y', first: `${firstWhole}-01-01`, last: `${lastWhole}-01-01` }];
  if (fromMonth !== 1) ranges.push({ grain: 'm', first: `${period.from}-01`, last: `${fromYear}-12-01` });
  if (toMonth !== 12) ranges.push({ grain: 'm', first: `${toYear}-01-01`, last: `${period.to}-01` });
  return ranges;
}
