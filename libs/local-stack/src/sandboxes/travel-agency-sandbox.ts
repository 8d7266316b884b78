import { randomBytes } from 'node:crypto';
import { keptState } from './kept-state';
import { startSandboxServer, type Answer, type RunningSandbox, type SandboxRequest } from './sandbox-server';

export type { SandboxCall } from './sandbox-server';

export interface SandboxBooking {
  bookingRef: string;
  status: 'confirmed' | 'cancelled';
  travellers: { givenName: string; familyName: string; type?: string }[];
  segments: { flight: string; from: string; to: string; departsAt: string; cancelled?: boolean }[];
}

export type TravelAgencySandbox = RunningSandbox;

/**
 * A travel agency's booking API as real ones behave: it holds bookings; a repeated booking key returns the
 * booking made under it instead of buying a second ticket, and `GET /bookings` with the key tells what was booked
 * under it without booking; it cancels (cancelling twice is harmless, as with
 * real agencies); and it takes the faults of every sandbox. `/_control/bookings` lists what it holds, which it keeps
 * in `stateFile` when given one.
 */
export function startTravelAgencySandbox(
  options: { port?: number; host?: string; apiKey?: string; stateFile?: string } = {},
): Promise<TravelAgencySandbox> {
  const kept = keptState(options.stateFile, { bookings: [] as SandboxBooking[], byKey: [] as [string, string][] });
  const bookings = new Map(kept.state.bookings.map((b) => [b.bookingRef, b]));
  const byKey = new Map(kept.state.byKey);

  return startSandboxServer({
    ...options,
    apiKey: options.apiKey ?? `sandbox-${randomBytes(8).toString('hex')}`,
    lists: { bookings: () => [...bookings.values()] },
    handle,
    changed: () => {
      Object.assign(kept.state, { bookings: [...bookings.values()], byKey: [...byKey] });
      kept.save();
    },
  });

  function handle({ method, path, body, idempotencyKey }: SandboxRequest): Answer {
    const bookingMatch = /^\/bookings\/([A-Z0-9]+)(\/cancel)?$/.exec(path);
    if (path === '/bookings' && method === 'POST') {
      if (!idempotencyKey) return [400, { error: 'Idempotency-Key header is required' }];
      const existing = byKey.get(idempotencyKey);
      if (existing) return [200, bookings.get(existing)];
      const request = body as Pick<SandboxBooking, 'travellers' | 'segments'>;
      if (!request?.travellers?.length || !request?.segments?.length) {
        return [422, { error: 'travellers and segments are required' }];
      }
      const booking: SandboxBooking = {
        bookingRef: randomBytes(3).toString('hex').toUpperCase(),
        status: 'confirmed',
        travellers: request.travellers,
        segments: request.segments,
      };
      bookings.set(booking.bookingRef, booking);
      byKey.set(idempotencyKey, booking.bookingRef);
      return [201, booking];
    }
    if (path === '/bookings' && method === 'GET') {
      const made = idempotencyKey && byKey.get(idempotencyKey);
      return made ? [200, bookings.get(made)] : [404, { error: 'no booking under this key' }];
    }
    const booking = bookingMatch && bookings.get(bookingMatch[1]);
    if (bookingMatch && !booking) return [404, { error: 'no such booking' }];
    if (booking && method === 'GET' && !bookingMatch[2]) return [200, booking];
    if (booking && method === 'POST' && bookingMatch[2]) {
      // Some flights only (the others flown), or the whole booking.
      const flights = (body as { flights?: unknown } | undefined)?.flights;
      if (Array.isArray(flights)) {
        for (const segment of booking.segments) if (flights.includes(segment.flight)) segment.cancelled = true;
        if (booking.segments.every((s) => s.cancelled)) booking.status = 'cancelled';
      } else booking.status = 'cancelled';
      return [200, booking];
    }
    return [404, { error: 'no such route' }];
  }
}
