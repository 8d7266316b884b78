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
 * limits them to calls whose Idempotency-Key starts with it. A call under a key whose earlier call is still being
 * worked on is answered `409 idempotency_key_in_use` at once, as real partners answer it (it has neither done nor
 * refused the work yet): a caller asks again later.
 */
export async function startSandboxServer(options: {
  port?: number;
  host?: string;
  apiKey: string;
  /** `/_control/<name>` lists for tests: e.g. bookings, vouchers, payments. */
  lists: Record<string, () => unknown[]>;
  handle(request: SandboxRequest): Answer;
  /** After a call that may have changed what the partner holds (kept-state.ts). */
  changed?(): void;
}): Promise<RunningSandbox> {
  const calls: SandboxCall[] = [];
  /**
   * `scope`: when set, only calls whose Idempotency-Key starts with it meet the faults (tests run side by side; each
   * scope, path and method keep their own set, the longest matching scope, then path, then method, applies);
   * `path`: only calls whose path contains it; `method`: only calls of that method; `retryAfter`: seconds sent in
   * `Retry-After` with a failed answer.
   */
  const noFaults = {
    failNext: 0,
    status: 503,
    delayMs: 0,
    loseNextAnswers: 0,
    scope: '',
    path: '',
    method: '',
    retryAfter: 0,
  };
  /** One set of faults per scope and path, so that spec files setting faults side by side do not replace each other's. */
  const faultSets = new Map<string, typeof noFaults>();
  const faultsFor = (idempotencyKey: string | undefined, method: string, path: string) =>
    [...faultSets.values()]
      // A set cleared or spent hides no other.
      .filter((f) => f.failNext > 0 || f.delayMs > 0 || f.loseNextAnswers > 0)
      .filter((f) => (!f.scope || Boolean(idempotencyKey?.startsWith(f.scope))) && path.includes(f.path))
      .filter((f) => !f.method || f.method === method)
      .sort(
        (a, b) => b.scope.length - a.scope.length || b.path.length - a.path.length || b.method.length - a.method.length,
      )[0];
  /** The Idempotency-Keys of the calls being worked on. */
  const inProgress = new Set<string>();

  const server = createServer((req, res) => {
    void serve(req, res).catch(() => res.writeHead(500).end());
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const body = await readJson(req);
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}): void => {
      res
        .writeHead(status, { 'content-type': 'application/json', ...headers })
        .end(payload === undefined ? '' : JSON.stringify(payload));
    };
    const idempotencyKey = header(req, 'idempotency-key');
    const reply = ([status, payload]: Answer, headers?: Record<string, string>) => {
      calls.push({ method: req.method ?? '', path: url.pathname, idempotencyKey, status });
      send(status, payload, headers);
    };

    const control = /^\/_control\/([a-z]+)$/.exec(url.pathname);
    if (control && req.method === 'POST' && control[1] === 'faults') {
      const set = { ...noFaults, ...(body as Partial<typeof noFaults>) };
      faultSets.set(`${set.scope} ${set.path} ${set.method}`, set);
      return send(204);
    }
    if (control && req.method === 'GET' && control[1] === 'calls') return send(200, calls);
    if (control && req.method === 'GET' && options.lists[control[1]]) return send(200, options.lists[control[1]]());
    if (header(req, 'authorization') !== `Bearer ${options.apiKey}`) return reply([401, { error: 'unknown API key' }]);
    if (idempotencyKey && inProgress.has(idempotencyKey)) {
      const inUse = { error: 'a call under this key is still being worked on', code: 'idempotency_key_in_use' };
      return reply([409, inUse]);
    }
    if (idempotencyKey) inProgress.add(idempotencyKey);
    try {
      await work(req, url, body, idempotencyKey, reply);
    } finally {
      if (idempotencyKey) inProgress.delete(idempotencyKey);
    }
  }

  /** The call as the partner works on it: its faults, then its handler. */
  async function work(
    req: IncomingMessage,
    url: URL,
    body: unknown,
    idempotencyKey: string | undefined,
    reply: (answer: Answer, headers?: Record<string, string>) => void,
  ): Promise<void> {
    const faults = faultsFor(idempotencyKey, req.method ?? '', url.pathname) ?? { ...noFaults };
    if (faults.delayMs) await new Promise((resolve) => setTimeout(resolve, faults.delayMs));
    if (faults.failNext > 0) {
      faults.failNext -= 1;
      const code = FAULT_CODES[faults.status] ?? 'unavailable';
      const retryAfter: Record<string, string> = faults.retryAfter ? { 'retry-after': String(faults.retryAfter) } : {};
      return reply([faults.status, { error: `the sandbox answers ${faults.status} on request`, code }], retryAfter);
    }
    const answer = options.handle({ method: req.method ?? '', path: url.pathname, body, idempotencyKey });
    if (req.method !== 'GET') options.changed?.();
    if (faults.loseNextAnswers > 0) {
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

/** Error codes as real partners send them beside the status. */
const FAULT_CODES: Record<number, string> = {
  401: 'unauthorized',
  408: 'request_timeout',
  409: 'conflict',
  422: 'unprocessable',
  429: 'rate_limited',
};

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
