import { flightLines, readableUtc } from './format';

describe('times in partner e-mails', () => {
  it('reads a time given with an offset in UTC, as it labels it', () => {
    expect(readableUtc('2026-11-27T06:30:00+02:00')).toBe('2026-11-27 04:30 UTC');
    expect(readableUtc('2026-12-07T14:00:00.000Z')).toBe('2026-12-07 14:00 UTC');
    expect(flightLines([{ flight: 'PK708', from: 'IST', to: 'LHE', departsAt: '2026-11-27T11:00:00+03:00' }])).toEqual([
      '- PK708 IST -> LHE, departing 2026-11-27 08:00 UTC',
    ]);
  });
});
