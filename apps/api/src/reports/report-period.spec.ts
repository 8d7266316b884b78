import { percentiles } from './report-figures';
import { reportPeriod, tallyRanges } from './report-period';

describe('a report period', () => {
  it('reads year rows for the whole years inside it and month rows around them', () => {
    expect(tallyRanges(reportPeriod('2019-03', '2021-08', 'month'))).toEqual([
      { grain: 'y', first: '2020-01-01', last: '2020-01-01' },
      { grain: 'm', first: '2019-03-01', last: '2019-12-01' },
      { grain: 'm', first: '2021-01-01', last: '2021-08-01' },
    ]);
    expect(tallyRanges(reportPeriod('2015', '2023'))).toEqual([
      { grain: 'y', first: '2015-01-01', last: '2023-01-01' },
    ]);
    expect(tallyRanges(reportPeriod('2019-03', '2020-02'))).toEqual([
      { grain: 'm', first: '2019-03-01', last: '2020-02-01' },
    ]);
  });

  it('lays the figures out per year or month, and refuses an end before its start or too many months', () => {
    expect(reportPeriod('2019-11', '2020-02', 'month').labels).toEqual(['2019-11', '2019-12', '2020-01', '2020-02']);
    expect(reportPeriod('2019-11', '2020-02').labels).toEqual(['2019', '2020']);
    expect(() => reportPeriod('2020', '2019')).toThrow('to must not be before from (2020-01)');
    expect(reportPeriod('2015-06', '2025-05', 'month').labels).toHaveLength(120);
    expect(() => reportPeriod('2015-06', '2025-06', 'month')).toThrow('to must be within 120 months of from (2015-06)');
    expect(reportPeriod('1900', '2199').labels).toHaveLength(300);
  });
});

describe('days per stage', () => {
  it('takes the median and the 90th percentile by nearest rank', () => {
    // 1, 2, 2, 3, 10, 10, 10, 10, 10, 40: the 5th value is 10, the 9th is 10.
    expect(
      percentiles(
        new Map([
          [1, 1],
          [2, 2],
          [3, 1],
          [10, 5],
          [40, 1],
        ]),
      ),
    ).toEqual({ cases: 10, median: 10, p90: 10 });
    expect(
      percentiles(
        new Map([
          [4, 1],
          [7, 1],
          [9, 1],
        ]),
      ),
    ).toEqual({ cases: 3, median: 7, p90: 9 });
    expect(percentiles(new Map())).toEqual({ cases: 0, median: null, p90: null });
  });
});
