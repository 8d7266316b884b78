import type { FlightSegment } from '@avrr/contracts';

/** "2026-12-07T14:00:00.000Z" (or the same time with any offset, "2026-12-07T16:00:00+02:00") as "2026-12-07 14:00 UTC". */
export function readableUtc(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** One line per flight, as every partner e-mail lists them. */
export function flightLines(segments: FlightSegment[]): string[] {
  return segments.map((s) => `- ${s.flight} ${s.from} -> ${s.to}, departing ${readableUtc(s.departsAt)}`);
}
