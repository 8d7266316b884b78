import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SandboxCall {
  method: string;
  path: string;
  idempotencyKey?: string;
  status: number;
}

/** What a partner's API answers: a status and a JSON body. */
export type Answer = [status: number, body?: unknown];

export interface SandboxRequest {
  method: string;
  path: string;
  body: unknown;
  idempotencyKey?: string;
}

export interface RunningSandbox {
  url: string;
  apiKey: string;
  stop(): Promise<void>;
}

/**
 * What the sandboxes of partner APIs share: an API key, a list of the calls they answered (for tests to assert),
 * and faults a test or a developer switches on through `POST /_control/faults`: answer the next calls with a
 * status (503), answer slowly (`delayMs`), or do the work and then lose the answer (`loseNextAnswers`: the
 * connection drops, as when a caller is killed after the call), so that a retry must not do it twice; `scope`
 * limits them to calls whose Idempotency-Key starts with it.
 */
export async function startSandboxServer(options: {
  port?: number;
  host?: string;
  apiKey: string;
  /** `/_control/<name>` lists for tests: e.g. bookings, vouchers, payments. */
  lists: Record<string, () => unknown[]>;
  handle(request: SandboxRequest): Answer;
}): Promise<RunningSandbox> {
  const calls: SandboxCall[] = [];
  /** `scope`: when set, only calls whose Idempotency-Key starts with it meet the faults (tests run side by side). */
  const faults = { failNext: 0, status: 503, delayMs: 0, loseNextAnswers: 0, scope: '' };

  const server = createServer((req, res) => {
    void serve(req, res).catch(() => res.writeHead(500).end());
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const body = await readJson(req);
    const send = (status: number, payload?: unknown): void => {
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end(payload === undefined ? '' : JSON.stringify(payload));
    };
    const idempotencyKey = header(req, 'idempotency-key');
    const reply = ([status, payload]: Answer) => {
      calls.push({ method: req.method ?? '', path: url.pathname, idempotencyKey, status });
      send(status, payload);
    };

    const control = /^\/_control\/([a-z]+)$/.exec(url.pathname);
    if (control && req.method === 'POST' && control[1] === 'faults') {
      Object.assign(faults, { scope: '' }, body);
      return send(204);
    }
    if (control && req.method === 'GET' && control[1] === 'calls') return send(200, calls);
    if (control && req.method === 'GET' && options.lists[control[1]]) return send(200, options.lists[control[1]]());
    if (header(req, 'authorization') !== `Bearer ${options.apiKey}`) return reply([401, { error: 'unknown API key' }]);
    const faulty = !faults.scope || Boolean(idempotencyKey?.startsWith(faults.scope));
    if (faulty && faults.delayMs) await new Promise((resolve) => setTimeout(resolve, faults.delayMs));
    if (faulty && faults.failNext > 0) {
      faults.failNext -= 1;
      return reply([faults.status, { error: 'the service is unavailable' }]);
    }
    const answer = options.handle({ method: req.method ?? '', path: url.pathname, body, idempotencyKey });
    if (faulty && faults.loseNextAnswers > 0) {
      faults.loseNextAnswers -= 1;
      calls.push({ method: req.method ?? '', path: url.pathname, idempotencyKey, status: 0 });
      req.socket.destroy();
      return;
    }
    reply(answer);
  }

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((ok) => server.listen(options.port ?? 0, host, ok));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    apiKey: options.apiKey,
    stop: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
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
