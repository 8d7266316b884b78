import type { StaffRole } from './stack';

export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** Set by the chaos: the next step sent becomes the one during which the API is killed. */
export interface StepHooks {
  /** Called once the step's request is on its way; `answered` tells whether its answer has arrived. */
  sent(caseRef: string, path: string, key: string, answered: () => boolean): void;
}

const ATTEMPT_TIMEOUT_MS = 30_000;
const GIVE_UP_AFTER_MS = 15 * 60_000;

/**
 * The soak's client of the API, as a careful front end behaves: every step under its own Idempotency-Key, sent
 * again with the SAME key on 429, 503, a 409 with Retry-After, another 5xx, a timeout or a dropped connection (with backoff, honouring
 * Retry-After) until it gets a final answer; reads retried the same way.
 */
export class SoakApi {
  private readonly tokens = {} as Record<StaffRole, string>;
  /** Answers that are not what a client should ever see: 5xx other than 503, with what was asked. */
  readonly anomalies: string[] = [];
  retries = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly hooks: StepHooks,
  ) {}

  async signIn(staff: Record<StaffRole, { username: string; password: string }>): Promise<void> {
    for (const [role, credentials] of Object.entries(staff) as [StaffRole, { username: string; password: string }][]) {
      const answer = await this.untilFinal('POST', '/auth/login', credentials, {});
      if (answer.status !== 200) throw new Error(`sign-in of ${credentials.username} answered ${answer.status}`);
      this.tokens[role] = answer.body.accessToken;
    }
  }

  /** A read that must succeed: the body of its 200. */
  async read(path: string): Promise<Answer['body']> {
    const answer = await this.untilFinal('GET', path, undefined, this.auth('caseWorker'));
    if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** Starts a return: the same request again finds the same return. */
  start(body: unknown): Promise<Answer> {
    return this.untilFinal('POST', '/returns', body, this.auth('caseWorker'));
  }

  /** A staff step on a case under `key`: the final answer (2xx or 4xx). */
  step(as: StaffRole, caseRef: string, step: string, body: unknown, key: string): Promise<Answer> {
    const path = `/returns/${caseRef}/${step}`;
    let answered = false;
    let first = true;
    return this.untilFinal('POST', path, body, { ...this.auth(as), 'idempotency-key': key }, () => {
      if (!first) return;
      first = false;
      this.hooks.sent(caseRef, path, key, () => answered);
    }).finally(() => (answered = true));
  }

  private auth(as: StaffRole): Record<string, string> {
    return { authorization: `Bearer ${this.tokens[as]}` };
  }

  private async untilFinal(
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string>,
    onSent?: () => void,
  ): Promise<Answer> {
    const giveUpAt = Date.now() + GIVE_UP_AFTER_MS;
    for (let attempt = 0; ; attempt++) {
      let retryAfterMs = 0;
      let why: string;
      try {
        const sending = fetch(`${this.baseUrl}${path}`, {
          method,
          headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        });
        onSent?.();
        const response = await sending;
        const text = await response.text();
        const answer: Answer = { status: response.status, body: parse(text) };
        // 429 (the API's rate limit), 503 and a refusal for now (409 with Retry-After) say "later": sent again after
        // Retry-After, like any polite client.
        const later =
          [429, 503].includes(response.status) || (response.status === 409 && response.headers.has('retry-after'));
        if (response.status < 500 && !later) return answer;
        if (response.status >= 500 && response.status !== 503)
          this.anomalies.push(`${method} ${path} answered ${response.status}: ${text}`);
        retryAfterMs = Number(response.headers.get('retry-after') ?? 0) * 1000;
        why = `${response.status}`;
      } catch (error) {
        why = (error as Error).name;
      }
      if (Date.now() > giveUpAt)
        throw new Error(`${method} ${path}: no final answer after ${attempt + 1} tries (${why})`);
      this.retries += 1;
      const backoff = Math.min(5_000, 250 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random());
      await sleep(Math.min(retryAfterMs || backoff, 5_000));
    }
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
