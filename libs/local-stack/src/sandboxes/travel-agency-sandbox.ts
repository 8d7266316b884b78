import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SandboxBooking {
  bookingRef: string;
  status: 'confirmed' | 'cancelled';
  travellers: { givenName: string; familyName: string }[];
  segments: { flight: string; from: string; to: string; departsAt: string }[];
}

export interface SandboxCall {
  method: string;
  path: string;
  idempotencyKey?: string;
  status: number;
}

export interface TravelAgencySandbox {
  url: string;
  apiKey: string;
  stop(): Promise<void>;
}

/**
 * A travel agency's booking API as real ones behave: it holds bookings; a repeated booking key returns the
 * booking made under it instead of buying a second ticket; it cancels (once); and, when told through
 * `/_control`, it answers slowly or with 5xx. `/_control/calls` lists what it was asked, for tests to assert.
 */
export async function startTravelAgencySandbox(
  options: { port?: number; host?: string; apiKey?: string } = {},
): Promise<TravelAgencySandbox> {
  const apiKey = options.apiKey ?? `sandbox-${randomBytes(8).toString('hex')}`;
  const bookings = new Map<string, SandboxBooking>();
  const byKey = new Map<string, string>();
  const calls: SandboxCall[] = [];
  const faults = { failNext: 0, status: 503, delayMs: 0 };

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.writeHead(500).end());
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const body = await readJson(req);
    const send = (status: number, payload?: unknown) => {
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end(payload === undefined ? '' : JSON.stringify(payload));
    };
    /** An answer of the booking API itself, kept in the list of calls. */
    const reply = (status: number, payload?: unknown) => {
      calls.push({
        method: req.method ?? '',
        path: url.pathname,
        idempotencyKey: header(req, 'idempotency-key'),
        status,
      });
      send(status, payload);
    };

    if (url.pathname === '/_control/faults' && req.method === 'POST') {
      Object.assign(faults, body);
      return send(204);
    }
    if (url.pathname === '/_control/calls' && req.method === 'GET') return send(200, calls);
    if (url.pathname === '/_control/bookings' && req.method === 'GET') return send(200, [...bookings.values()]);
    if (header(req, 'authorization') !== `Bearer ${apiKey}`) return reply(401, { error: 'unknown API key' });
    if (faults.delayMs) await new Promise((resolve) => setTimeout(resolve, faults.delayMs));
    if (faults.failNext > 0) {
      faults.failNext -= 1;
      return reply(faults.status, { error: 'the booking system is unavailable' });
    }

    const bookingMatch = /^\/bookings\/([A-Z0-9]+)(\/cancel)?$/.exec(url.pathname);
    if (url.pathname === '/bookings' && req.method === 'POST') {
      const key = header(req, 'idempotency-key');
      if (!key) return reply(400, { error: 'Idempotency-Key header is required' });
      const existing = byKey.get(key);
      if (existing) return reply(200, bookings.get(existing));
      const request = body as Pick<SandboxBooking, 'travellers' | 'segments'>;
      if (!request?.travellers?.length || !request?.segments?.length) {
        return reply(422, { error: 'travellers and segments are required' });
      }
      const booking: SandboxBooking = {
        bookingRef: randomBytes(3).toString('hex').toUpperCase(),
        status: 'confirmed',
        travellers: request.travellers,
        segments: request.segments,
      };
      bookings.set(booking.bookingRef, booking);
      byKey.set(key, booking.bookingRef);
      return reply(201, booking);
    }
    if (bookingMatch && req.method === 'GET' && !bookingMatch[2]) {
      const booking = bookings.get(bookingMatch[1]);
      return booking ? reply(200, booking) : reply(404, { error: 'no such booking' });
    }
    if (bookingMatch && req.method === 'POST' && bookingMatch[2]) {
      const booking = bookings.get(bookingMatch[1]);
      if (!booking) return reply(404, { error: 'no such booking' });
      booking.status = 'cancelled'; // cancelling twice is harmless, as with real agencies
      return reply(200, booking);
    }
    return reply(404, { error: 'no such route' });
  }

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((ok) => server.listen(options.port ?? 0, host, ok));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    apiKey,
    stop: () => new Promise((ok) => server.close(() => ok())),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
