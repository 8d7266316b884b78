import { ApplicationFailure } from '@temporalio/activity';
import { ReturnErrorType } from '@avrr/contracts';

/** Answers that say "not now" rather than "no": retried, like a 5xx. */
const TRY_LATER = new Set([408, 425, 429]);
/** A conflict that says the partner is still working on an earlier call under the same Idempotency-Key. */
const KEY_IN_USE = ': idempotency_key_in_use';

/**
 * A partner's HTTP API (travel agency, payment provider). Slow answers, lost connections, 5xx, 408, 429 and a 409 for
 * a key still in use (the partner is working on an earlier call under it, e.g. one that timed out here) are retried
 * by Temporal, after the partner's `Retry-After` where it gives one; any other 4xx is the partner's refusal,
 * thrown as non-retryable `refusalType` with the status and the partner's error code (never its free text, which
 * may echo personal data).
 */
export class PartnerApi {
  constructor(
    private readonly api: { url: string; apiKey?: string; timeoutMs: number },
    private readonly partner: string,
    private readonly refusalType: string,
  ) {}

  async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    return this.read<T>(method, path, await this.send(method, path, body, headers));
  }

  private read<T>(method: string, path: string, answer: { ok: boolean; status: number; text: string }): T {
    if (!answer.ok) {
      throw ApplicationFailure.nonRetryable(
        `the ${this.partner} refused ${method} ${routeOf(path)} (${answer.status}${codeOf(answer.text)})`,
        this.refusalType,
      );
    }
    return JSON.parse(answer.text) as T;
  }

  /** A GET whose 404 means "there is none": null then, as `call` otherwise. */
  async find<T>(path: string, headers: Record<string, string> = {}): Promise<T | null> {
    const answer = await this.send('GET', path, undefined, headers);
    if (answer.status === 404) return null;
    return this.read<T>('GET', path, answer);
  }

  /** The answer as it came, refusals included, for callers that read one (e.g. "already redeemed"). */
  async send(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ ok: boolean; status: number; text: string }> {
    const signal = AbortSignal.timeout(this.api.timeoutMs);
    const noAnswer = () => {
      throw unanswered(this.partner, method, path, signal.aborted ? this.api.timeoutMs : null);
    };
    const response = await fetch(`${this.api.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(this.api.apiKey ? { authorization: `Bearer ${this.api.apiKey}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    }).catch(noAnswer);
    const text = await response.text().catch(noAnswer);
    const keyInUse = response.status === 409 && codeOf(text) === KEY_IN_USE;
    if (response.status >= 500 || TRY_LATER.has(response.status) || keyInUse) {
      throw ApplicationFailure.create({
        message: `the ${this.partner} answered ${response.status} to ${method} ${routeOf(path)}`,
        type: ReturnErrorType.PartnerUnavailable,
        nextRetryDelay: retryAfterMs(response.headers.get('retry-after')),
      });
    }
    return { ok: response.ok, status: response.status, text };
  }
}

/**
 * The answer did not come: not in time (`timedOutAfterMs`), or the connection failed (refused, dropped after the
 * call). Retried, and named so that staff can read it.
 */
function unanswered(partner: string, method: string, path: string, timedOutAfterMs: number | null) {
  return ApplicationFailure.create({
    message:
      timedOutAfterMs !== null
        ? `the ${partner} did not answer ${method} ${routeOf(path)} within ${timedOutAfterMs / 1000} s`
        : `the ${partner} gave no answer to ${method} ${routeOf(path)}: the connection failed`,
    type: ReturnErrorType.PartnerUnavailable,
  });
}

/** The path without identifiers (a booking or voucher reference stays out of failure messages). */
function routeOf(path: string): string {
  return path.replace(/\/[^/]*\d[^/]*/g, '/:ref');
}

/** The partner's machine-readable error code, when its answer carries one. */
function codeOf(text: string): string {
  try {
    const code = (JSON.parse(text) as { code?: unknown; error?: unknown }).code;
    return typeof code === 'string' && /^[\w.-]{1,60}$/.test(code) ? `: ${code}` : '';
  } catch {
    return '';
  }
}

/** `Retry-After` in seconds or as an HTTP date, capped at ten minutes; undefined leaves the retry policy's delay. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = /^\d+$/.test(header) ? Number(header) : (Date.parse(header) - Date.now()) / 1000;
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 600) * 1000 : undefined;
}
