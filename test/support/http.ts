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
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = response.headers.get('content-type')?.includes('json');
    return { status: response.status, body: (json ? JSON.parse(text) : text) as T, headers: response.headers };
  };
  return {
    call,
    get: <T = any>(path: string) => call<T>('GET', path),
    post: <T = any>(path: string, body: unknown) => call<T>('POST', path, body),
  };
}

let counter = 0;
/** A case reference unique to this test run and file. */
export function newCaseRef(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36).toUpperCase()}-${counter}`;
}
