import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProgrammePolicies } from '@avrr/persistence';
import { reportsConfig, type ReportsConfig } from '@avrr/config';
import { assertCovers } from '../auth/programme-scope';
import { InvalidFieldError } from '../errors/domain-errors';
import { CaseChanges } from '../changes/case-changes';
import { RememberedReads } from '../changes/remembered-reads';
import type { StaffPrincipal } from '../auth/principal';
import type { ReportQueryDto } from './dto/report-query.dto';
import { summaryReport, type SummaryReport, type TallySum } from './report-figures';
import { reportPeriod, tallyRanges, type ReportPeriod, type TallyRange } from './report-period';

/** Reports remembered (a scope, a period and a threshold each); the least recently read is forgotten first. */
const REMEMBERED = 100;
/** A report over more years or months than this is summed at each read, never held (10 years by month). */
const REMEMBERED_PERIODS = 120;

/**
 * The programme's figures, summed from the reporting tallies (never from the cases): two indexed range reads, one
 * for the whole period's breakdowns and one for the totals per year or month, each reading year rows for the whole
 * years of the period and month rows only for the months around them. A report is remembered until a tally of its
 * programmes changes (CaseChanges); it is read again after any change, or while no change can be notified.
 */
@Injectable()
export class SummaryReports {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(reportsConfig.KEY) private readonly config: ReportsConfig,
    private readonly changes: CaseChanges,
    private readonly policies: ProgrammePolicies,
  ) {}

  private readonly remembered = new RememberedReads<SummaryReport>(REMEMBERED);

  /** Programmes found to exist (a programme is never removed). */
  private readonly known = new Set<string>();

  /** The programmes the report covers: the one asked for (if the grant covers it), else all the grant covers. */
  async scope(query: ReportQueryDto, user: StaffPrincipal): Promise<string[] | 'all'> {
    if (!query.programme) return user.programmes ?? 'all';
    assertCovers(user, query.programme);
    if (!this.known.has(query.programme)) {
      if (!(await this.policies.exists(query.programme)))
        throw new InvalidFieldError('programme', `names no programme: "${query.programme}"`);
      this.known.add(query.programme);
    }
    return [query.programme];
  }

  async summary(query: ReportQueryDto, user: StaffPrincipal): Promise<SummaryReport> {
    const programmes = await this.scope(query, user);
    const period = reportPeriod(query.from, query.to, query.granularity);
    const suppressBelow = Math.max(this.config.suppressBelow, query.suppressBelow ?? 0);
    const key = JSON.stringify([programmes, period.from, period.to, period.granularity, suppressBelow]);
    const known = this.remembered.get(key, (mark) => this.changes.talliesUnchangedSince(programmes, mark));
    if (known) return known;
    const mark = this.changes.mark();
    const report = summaryReport(await this.sums(programmes, period), period, programmes, suppressBelow);
    if (period.labels.length <= REMEMBERED_PERIODS) this.remembered.remember(key, frozen(report), mark);
    return report;
  }

  /** One statement: the whole period's sums, then the sums per year or month. */
  private sums(programmes: string[] | 'all', period: ReportPeriod): Promise<TallySum[]> {
    const whole = tallyRanges(period);
    const series =
      period.granularity === 'year'
        ? whole
        : [{ grain: 'm' as const, first: `${period.from}-01`, last: `${period.to}-01` }];
    const label = period.granularity === 'year' ? 'YYYY' : 'YYYY-MM';
    const args: unknown[] = programmes === 'all' ? [] : [programmes];
    const inScope = programmes === 'all' ? 'TRUE' : 'programme_code = ANY($1::varchar[])';
    const inRanges = (ranges: TallyRange[]) =>
      ranges
        .map(({ grain, first, last }) => {
          args.push(grain, first, last);
          const n = args.length;
          return `(grain = $${n - 2} AND period BETWEEN $${n - 1}::date AND $${n}::date)`;
        })
        .join(' OR ');
    const sums = `sum(count)::float8 AS count, sum(amount)::float8 AS amount`;
    // Parallel workers would cost more to start than the few thousand tally rows take to sum (p50 12 ms, 4 without).
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL max_parallel_workers_per_gather = 0');
      return manager.query<TallySum[]>(
        `SELECT metric, dimension, value, NULL AS period, ${sums} FROM report_tallies
       WHERE ${inScope} AND (${inRanges(whole)})
       GROUP BY metric, dimension, value
       UNION ALL
       SELECT metric, dimension, value, to_char(period, '${label}') AS period, ${sums} FROM report_tallies
       WHERE ${inScope} AND (${inRanges(series)}) AND dimension IN ('total', 'currency')
       GROUP BY metric, dimension, value, 4`,
        args,
      );
    });
  }
}

/** A remembered report is answered to every reader who asks for it: none may change it for the others. */
function frozen<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.values(value).forEach(frozen);
    Object.freeze(value);
  }
  return value;
}
