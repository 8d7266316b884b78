/**
 * Policy durations are ISO-8601 (`P14D`, `PT12H`, `P1DT30M`, `PT2S`) so that a programme states them in days
 * while a test shortens them to seconds. Years and months are refused: their length depends on the calendar,
 * and a workflow timer needs a fixed number of milliseconds.
 */
export type IsoDuration = string;

const ISO_DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function isIsoDuration(value: unknown): value is IsoDuration {
  return typeof value === 'string' && value !== 'P' && !value.endsWith('T') && ISO_DURATION.test(value);
}

export function durationToMs(duration: IsoDuration): number {
  const match = isIsoDuration(duration) ? ISO_DURATION.exec(duration) : null;
  if (!match) {
    throw new TypeError(`"${duration}" is not an ISO-8601 duration in weeks, days, hours, minutes or seconds`);
  }
  const [weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
  const ms = ((((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
  if (ms <= 0) throw new TypeError(`"${duration}" must be longer than zero`);
  return ms;
}
