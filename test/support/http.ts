import { randomUUID } from 'node:crypto';
export interface ApiAnswer<T> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A small JSON client for the API under test, signed in with `token` when given: status and parsed body,
 * never throwing on 4xx/5xx.
 */
export function apiClient(baseUrl: string, token?: string) {
  const call = async <T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer<T>> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      // A string body with its own content type (a CSV file) is sent as it is.
      body:
        body === undefined
          ? undefined
          : typeof body === 'string' && headers['content-type']
            ? body
            : JSON.stringify(body),
    });
    const text = await response.text();
    const json = response.headers.get('content-type')?.includes('json');
    return { status: response.status, body: (json ? JSON.parse(text) : text) as T, headers: response.headers };
  };
  return {
    call,
    get: <T = any>(path: string) => call<T>('GET', path),
    /**
     * A write as a careful client sends it: under an Idempotency-Key of its own, sent again under the same key while
     * the answer is 503 (the step is kept and decided once the workflow can).
     */
    post: async <T = any>(path: string, body: unknown) => {
      const key = { 'idempotency-key': `test-${randomUUID()}` };
      for (let attempt = 1; ; attempt++) {
        const answer = await call<T>('POST', path, body, key);
        if (answer.status !== 503 || attempt === 10) return answer;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    },
  };
}

let counter = 0;
/** A case reference unique to this test run and file. */
export function newCaseRef(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36).toUpperCase()}-${counter}`;
}
