import { durationToMs, isIsoDuration } from './durations';

describe('policy durations (ISO-8601)', () => {
  it.each([
    ['P14D', 14 * 24 * 3600_000],
    ['P2W', 14 * 24 * 3600_000],
    ['PT12H', 12 * 3600_000],
    ['P1DT30M', (24 * 60 + 30) * 60_000],
    ['PT2S', 2000],
    ['PT0.5S', 500],
  ])('%s is %d ms', (iso, ms) => {
    expect(durationToMs(iso)).toBe(ms);
  });

  it.each(['P', 'PT', 'P1DT', 'P1M', 'P1Y', '14 days', '', '-P1D'])('is not a duration: %j', (iso) => {
    expect(isIsoDuration(iso)).toBe(false);
  });

  it.each(['P', 'PT', 'P1DT', 'P1M', 'P1Y', '14 days', '', 'PT0S', '-P1D'])('refuses %j', (iso) => {
    expect(() => durationToMs(iso)).toThrow(TypeError);
  });
});
