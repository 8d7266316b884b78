import { eventually } from './eventually';
import { SIGNED_DECLARATION } from './fixtures';
import type { apiClient } from './http';

/** Starts a return through the API, waits until it waits for its declaration, and records the signed declaration. */
export async function startDeclaredReturn(
  http: ReturnType<typeof apiClient>,
  body: { caseRef: string },
): Promise<void> {
  expect((await http.post('/returns', body)).status).toBe(201);
  await eventually(async () => ((await http.get(`/returns/${body.caseRef}`)).body.waitingFor ? true : undefined));
  expect((await http.post(`/returns/${body.caseRef}/declaration`, SIGNED_DECLARATION)).status).toBe(200);
}
