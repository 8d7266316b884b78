import {
  BREAKDOWNS,
  REPORT_METRICS,
  SCORE_DIMENSIONS,
  STAGE_SPANS,
  type Breakdown,
  type ReportMetric,
} from '@avrr/contracts';
import type { ReportCaseEntity, ReportPerson } from '../entities';

/** One thing that happened to a case, as the figures count it. */
export interface Fact {
  /** Unique within the case: the ledger's key, so the fact is counted once (e.g. "departed", "visit:2"). */
  key: string;
  metric: ReportMetric;
  /** YYYY-MM-DD: the day it happened, which places it in a month and a year. */
  on: string;
  /** Whom it counts, when not the case's people (a "people" figure) or its returnee (the others). */
  people?: ReportPerson[];
  /** The refusal's reason, the closure's outcome, or the amount's currency. */
  detail?: string;
  amount?: number;
  scores?: Partial<Record<(typeof SCORE_DIMENSIONS)[number], number>>;
}

export type ReportCase = Pick<
  ReportCaseEntity,
  'programmeCode' | 'hostCountry' | 'destinationCountry' | 'targetGroup' | 'vulnerabilities' | 'people'
>;

export interface TallyIncrement {
  programmeCode: string;
  grain: 'm' | 'y';
  period: string;
  metric: string;
  dimension: string;
  value: string;
  count: number;
  amount: number;
}

type Row = Omit<TallyIncrement, 'grain' | 'period' | 'programmeCode'>;

/** The breakdown of a figure's one detail (it never describes a person, so it is never suppressed). */
const DETAIL_OF: Partial<Record<ReportMetric, string>> = {
  refused: 'reason',
  closed: 'outcome',
  allowances: 'currency',
  'plans-approved': 'currency',
  'tranches-voucher': 'currency',
  'tranches-vendor': 'currency',
  'tranches-expired': 'currency',
  'tranches-voided': 'currency',
};

/**
 * A breakdown cell's people beyond one per case and day (`excess:sex`, …): the cell's count less these is the cases
 * it counts (a case counted on two days, two visits, counts twice), which the report's suppression reads too.
 */
export const EXCESS = 'excess:';

/** The milestones whose dates bound the stage spans. */
const MILESTONES = new Set<string>(Object.values(STAGE_SPANS).flat());

/**
 * The tally increments for facts newly counted on one case. `milestones` holds the dates of the case's milestones
 * counted before (and is completed with these), so the days of a span are counted when the span ends.
 */
export function incrementsFor(
  reportCase: ReportCase,
  facts: Fact[],
  milestones: Map<string, string> = new Map(),
): TallyIncrement[] {
  return incrementsByFact(reportCase, facts, milestones).map(({ fact: _fact, ...increment }) => increment);
}

/** The same, each with the key of the fact it counts. */
export function incrementsByFact(
  reportCase: ReportCase,
  facts: Fact[],
  milestones: Map<string, string> = new Map(),
): (TallyIncrement & { fact: string })[] {
  const rows: Row[][] = [];
  const on: string[] = [];
  const add = (day: string, batch: Row[]) => {
    rows.push(batch);
    on.push(day);
  };
  for (const fact of facts) if (MILESTONES.has(fact.key)) milestones.set(fact.key, fact.on);
  const counted = new Set<string>();
  for (const fact of facts) {
    const whom =
      fact.people ?? (REPORT_METRICS[fact.metric] === 'people' ? reportCase.people : reportCase.people.slice(0, 1));
    const metric = fact.metric;
    const batch: Row[] = [{ metric, dimension: 'total', value: '', count: whom.length, amount: fact.amount ?? 0 }];
    const byCase: Record<Exclude<Breakdown, 'sex' | 'age-group' | 'vulnerability'>, string> = {
      'host-country': reportCase.hostCountry,
      'destination-country': reportCase.destinationCountry,
      'target-group': reportCase.targetGroup,
    };
    for (const breakdown of BREAKDOWNS) {
      const cells: [string, number][] = [];
      if (breakdown === 'sex' || breakdown === 'age-group') {
        for (const person of whom) cells.push([breakdown === 'sex' ? person.sex : person.ageGroup, 1]);
      } else if (breakdown === 'vulnerability') {
        for (const value of reportCase.vulnerabilities) cells.push([value, whom.length]);
      } else cells.push([byCase[breakdown], whom.length]);
      for (const [value, count] of cells) {
        batch.push({ metric, dimension: breakdown, value, count, amount: 0 });
        // The case counts once a day in a cell: the rest of its count (a family, an allowance per adult) is excess.
        const cell = `${metric}\u0000${breakdown}\u0000${value}\u0000${fact.on}`;
        const excess = counted.has(cell) ? count : count - 1;
        counted.add(cell);
        if (excess > 0) batch.push({ metric, dimension: `${EXCESS}${breakdown}`, value, count: excess, amount: 0 });
      }
    }
    const detail = DETAIL_OF[metric];
    if (detail && fact.detail !== undefined) {
      batch.push({ metric, dimension: detail, value: fact.detail, count: whom.length, amount: fact.amount ?? 0 });
    }
    for (const [dimension, score] of Object.entries(fact.scores ?? {})) {
      batch.push({ metric: `score-${dimension}`, dimension: 'total', value: '', count: 1, amount: score });
    }
    for (const [span, [from, to]] of Object.entries(STAGE_SPANS)) {
      const start = milestones.get(from);
      if (fact.key === to && start) {
        batch.push({
          metric: `days:${span}`,
          dimension: 'days',
          // A declaration signed the evening before the UTC day its case was opened is of the same day.
          value: String(Math.max(0, daysBetween(start, fact.on))),
          count: 1,
          amount: 0,
        });
      }
    }
    add(fact.on, batch);
  }
  return rows.flatMap((batch, i) =>
    batch.flatMap((row) => {
      const counted = { ...row, fact: facts[i].key, programmeCode: reportCase.programmeCode };
      return [
        { ...counted, grain: 'm' as const, period: `${on[i].slice(0, 7)}-01` },
        { ...counted, grain: 'y' as const, period: `${on[i].slice(0, 4)}-01-01` },
      ];
    }),
  );
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/** Increments summed by key: one statement may not update a row twice, and fewer rows churn the table less. */
export class TallySums {
  private readonly byKey = new Map<string, TallyIncrement>();

  add(increments: TallyIncrement[]): void {
    for (const row of increments) {
      const key = [row.programmeCode, row.grain, row.period, row.metric, row.dimension, row.value].join('\u0000');
      const seen = this.byKey.get(key);
      if (seen) {
        seen.count += row.count;
        seen.amount += row.amount;
      } else this.byKey.set(key, { ...row });
    }
  }

  /** In key order, so concurrent writers lock the same rows in the same order (no deadlocks). */
  rows(): TallyIncrement[] {
    return [...this.byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  }
}

export function summed(increments: TallyIncrement[]): TallyIncrement[] {
  const sums = new TallySums();
  sums.add(increments);
  return sums.rows();
}
