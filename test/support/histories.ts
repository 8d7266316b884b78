import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

export const HISTORIES_DIR = join(__dirname, '../replay/histories');

/**
 * A workflow's history as text with every payload decoded, so a test can assert what Temporal holds: the
 * history JSON carries payloads as base64.
 */
export async function readableHistory(handle: WorkflowHandle): Promise<string> {
  const json = historyToJSON(await handle.fetchHistory());
  return json.replace(/"data":\s*"([A-Za-z0-9+/=]*)"/g, (_, data: string) =>
    JSON.stringify({ data: Buffer.from(data, 'base64').toString('utf8') }),
  );
}

/** With RECORD_HISTORIES=1 (`npm run histories:record`), keeps the history for the replay tests. */
export async function recordHistoryIfAsked(handle: WorkflowHandle, name: string): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  writeFileSync(join(HISTORIES_DIR, `${name}.json`), historyToJSON(await handle.fetchHistory()));
}
