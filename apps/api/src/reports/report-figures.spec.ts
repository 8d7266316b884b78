import { incrementsFor, summed, type ReportCase } from '@avrr/persistence';
import { summaryReport, type TallySum } from './report-figures';
import { reportPeriod } from './report-period';

/** The month's tallies of these cases, each declared on the same day, summed as the report sums them. */
function declaredIn(cases: ReportCase[]): TallySum[] {
  const increments = summed(
    cases.flatMap((c) => incrementsFor(c, [{ key: 'declared', metric: 'declared', on: '2022-03-10' }])),
  );
  return increments
    .filter((row) => row.grain === 'm')
    .map(({ metric, dimension, value, count, amount }) => ({ metric, dimension, value, count, amount, period: null }));
}

const person = { sex: 'female', ageGroup: '18-24' };
const trafficked = (people: number): ReportCase => ({
  programmeCode: 'P',
  hostCountry: 'RO',
  destinationCountry: 'NG',
  targetGroup: 'victim-of-trafficking',
  vulnerabilities: ['victim-of-trafficking'],
  people: Array.from({ length: people }, () => person),
});

describe("a report's small cells", () => {
  const march = reportPeriod('2022-03', '2022-03', 'month');

  it('suppresses a cell one family fills, however many people it counts', () => {
    const { figures } = summaryReport(declaredIn([trafficked(5)]), march, ['P'], 5);
    expect(figures.declared.total).toBe(5);
    expect(figures.declared.breakdowns['target-group']).toEqual({ 'victim-of-trafficking': null });
    expect(figures.declared.breakdowns.vulnerability).toEqual({ 'victim-of-trafficking': null });
    expect(figures.declared.breakdowns.sex).toEqual({ female: null });
  });

  it('shows a cell of enough cases and people', () => {
    const { figures } = summaryReport(declaredIn([1, 1, 1, 1, 2].map(trafficked)), march, ['P'], 5);
    expect(figures.declared.breakdowns['target-group']).toEqual({ 'victim-of-trafficking': 6 });
    expect(figures.declared.breakdowns.sex).toEqual({ female: 6 });
  });
});
