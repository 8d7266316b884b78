import type { FlightSegment } from '@avrr/contracts';

/** "2026-12-07T14:00:00.000Z" as "2026-12-07 14:00 UTC". */
export function readableUtc(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** One line per flight, as every partner e-mail lists them. */
export function flightLines(segments: FlightSegment[]): string[] {
  return segments.map((s) => `- ${s.flight} ${s.from} -> ${s.to}, departing ${readableUtc(s.departsAt)}`);
}
