import { ApplicationFailure } from '@temporalio/activity';

/**
 * A partner's HTTP API (travel agency, payment provider). Slow answers, lost connections and 5xx are thrown as
 * plain errors, which Temporal retries; a 4xx is the partner's refusal, thrown as non-retryable `refusalType`.
 */
export class PartnerApi {
  constructor(
    private readonly api: { url: string; apiKey?: string; timeoutMs: number },
    private readonly partner: string,
    private readonly refusalType: string,
  ) {}

  async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const answer = await this.send(method, path, body, headers);
    if (!answer.ok) {
      throw ApplicationFailure.nonRetryable(
        `the ${this.partner} refused ${method} ${path} (${answer.status}): ${answer.text.slice(0, 200)}`,
        this.refusalType,
      );
    }
    return JSON.parse(answer.text) as T;
  }

  /** The answer as it came, 4xx included, for callers that read a refusal (e.g. "already redeemed"). */
  async send(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ ok: boolean; status: number; text: string }> {
    const response = await fetch(`${this.api.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(this.api.apiKey ? { authorization: `Bearer ${this.api.apiKey}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.api.timeoutMs),
    });
    const text = await response.text();
    if (response.status >= 500) throw new Error(`the ${this.partner} answered ${response.status} to ${method} ${path}`);
    return { ok: response.ok, status: response.status, text };
  }
}
