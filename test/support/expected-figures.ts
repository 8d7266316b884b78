/**
 * The figures a set of cases should give, computed here from the cases as a spreadsheet would, without the
 * product's code: who is counted in which year, under which breakdown value, and the days between milestones.
 */
export interface CountedCase {
  caseRef: string;
  hostCountry: string;
  destinationCountry: string;
  targetGroup: string;
  vulnerabilities: string[];
  /** The returnee first; sex '' when not recorded. */
  people: { sex: string; ageAtIntake: number }[];
  openedOn: string;
  refusalReason: string | null;
  declaredOn: string | null;
  bookedOn: string | null;
  departedOn: string | null;
  arrivedOn: string | null;
  outcome: string;
  closedOn: string;
  allowances: { person: number; amount: number; currency: string }[];
  visits: { on: string; done: boolean; scores?: Record<string, number> }[];
}

interface Expected {
  counts: { total: number; byPeriod: Record<string, number> };
  breakdowns: Record<string, Record<string, number | null>>;
  details?: Record<string, number>;
  amounts?: Record<string, { count: number; amount: number; amountByPeriod: Record<string, number> }>;
}

const BANDS: [number, string][] = [
  [18, '0-17'],
  [25, '18-24'],
  [35, '25-34'],
  [50, '35-49'],
  [65, '50-64'],
  [Infinity, '65+'],
];
const band = (age: number) => BANDS.find(([below]) => age < below)![1];
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

export function expectedFigures(cases: CountedCase[], years: string[], suppressBelow: number) {
  const figures: Record<string, Expected> = {};
  // The counts each cell's cases contributed: a cell of few cases is suppressed however many people it counts.
  // (a case counts once a day in a cell: two visits count twice, a family or its allowances once).
  const contributions = new Map<Record<string, number | null>, Map<string, Set<string>>>();
  const ids = new Map<CountedCase, number>();
  const count = (
    metric: string,
    c: CountedCase,
    on: string | null,
    people: CountedCase['people'],
    extra?: { detail?: string; currency?: string; amount?: number },
  ) => {
    if (!on) return;
    const f = (figures[metric] ??= {
      counts: { total: 0, byPeriod: Object.fromEntries(years.map((y) => [y, 0])) },
      breakdowns: Object.fromEntries(
        ['host-country', 'destination-country', 'sex', 'age-group', 'target-group', 'vulnerability'].map((b) => [
          b,
          {},
        ]),
      ),
    });
    const n = people.length;
    f.counts.total += n;
    f.counts.byPeriod[on.slice(0, 4)] += n;
    const add = (breakdown: string, value: string, k: number) => {
      const cells = f.breakdowns[breakdown] as Record<string, number>;
      cells[value] = (cells[value] ?? 0) + k;
      if (!contributions.has(cells)) contributions.set(cells, new Map());
      const ofCell = contributions.get(cells)!;
      if (!ofCell.has(value)) ofCell.set(value, new Set());
      if (!ids.has(c)) ids.set(c, ids.size);
      ofCell.get(value)!.add(`${ids.get(c)} ${on}`);
    };
    add('host-country', c.hostCountry, n);
    add('destination-country', c.destinationCountry, n);
    add('target-group', c.targetGroup, n);
    for (const v of c.vulnerabilities) add('vulnerability', v, n);
    for (const p of people) {
      add('sex', p.sex || 'not-recorded', 1);
      add('age-group', band(p.ageAtIntake), 1);
    }
    if (extra?.currency) {
      f.amounts ??= {};
      const money = (f.amounts[extra.currency] ??= { count: 0, amount: 0, amountByPeriod: {} });
      money.count += n;
      money.amount += extra.amount!;
      money.amountByPeriod[on.slice(0, 4)] = (money.amountByPeriod[on.slice(0, 4)] ?? 0) + extra.amount!;
    } else if (extra?.detail) {
      f.details ??= {};
      f.details[extra.detail] = (f.details[extra.detail] ?? 0) + n;
    }
  };
  const spans: Record<string, number[]> = {
    'intake-to-declaration': [],
    'declaration-to-departure': [],
    'departure-to-arrival': [],
    'arrival-to-closure': [],
  };
  const visits = { done: 0, sums: {} as Record<string, number> };
  for (const c of cases) {
    const everyone = c.people;
    const returnee = c.people.slice(0, 1);
    count('counselled', c, c.openedOn, everyone);
    if (c.outcome === 'ineligible') count('refused', c, c.openedOn, everyone, { detail: c.refusalReason! });
    else count('eligible', c, c.openedOn, everyone);
    count('declared', c, c.declaredOn, everyone);
    if (c.outcome === 'withdrawn') {
      count(c.bookedOn ? 'withdrawn-after-booking' : 'withdrawn-before-booking', c, c.closedOn, everyone);
    }
    count('departed', c, c.departedOn, everyone);
    for (const a of c.allowances) {
      count('allowances', c, c.departedOn, [c.people[a.person]], { currency: a.currency, amount: a.amount });
    }
    count('arrived', c, c.arrivedOn, everyone);
    for (const v of c.visits) {
      count(v.done ? 'visits-done' : 'visits-missed', c, v.on, returnee);
      if (v.scores) {
        visits.done++;
        for (const [d, s] of Object.entries(v.scores)) visits.sums[d] = (visits.sums[d] ?? 0) + s;
      }
    }
    count('closed', c, c.closedOn, returnee, { detail: c.outcome });
    if (c.declaredOn) spans['intake-to-declaration'].push(days(c.openedOn, c.declaredOn));
    if (c.declaredOn && c.departedOn) spans['declaration-to-departure'].push(days(c.declaredOn, c.departedOn));
    if (c.departedOn && c.arrivedOn) spans['departure-to-arrival'].push(days(c.departedOn, c.arrivedOn));
    if (c.arrivedOn) spans['arrival-to-closure'].push(days(c.arrivedOn, c.closedOn));
  }
  for (const f of Object.values(figures)) {
    for (const cells of Object.values(f.breakdowns)) {
      for (const [value, n] of Object.entries(cells)) {
        const cases = contributions.get(cells)?.get(value)?.size ?? 0;
        if (n !== null && (n < suppressBelow || cases < suppressBelow)) cells[value] = null;
      }
    }
    for (const money of Object.values(f.amounts ?? {})) {
      money.amount = Math.round(money.amount * 100) / 100;
      for (const [y, a] of Object.entries(money.amountByPeriod)) money.amountByPeriod[y] = Math.round(a * 100) / 100;
    }
  }
  const rank = (sorted: number[], share: number) => sorted[Math.ceil(share * sorted.length) - 1];
  const stageDays = Object.fromEntries(
    Object.entries(spans).map(([span, values]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return [span, { cases: sorted.length, median: rank(sorted, 0.5) ?? null, p90: rank(sorted, 0.9) ?? null }];
    }),
  );
  const scores = Object.fromEntries(
    ['economic', 'social', 'psychosocial', 'composite'].map((d) => [
      d,
      { visits: visits.done, mean: visits.done ? Math.round((visits.sums[d] / visits.done) * 10_000) / 10_000 : null },
    ]),
  );
  return { figures, stageDays, scores };
}
