/** A small JSON client for the API under test: status and parsed body, never throwing on 4xx/5xx. */
export function apiClient(baseUrl: string) {
  const call = async <T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  return {
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
