import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

export const HISTORIES_DIR = join(__dirname, '../replay/histories');

/** A payload's data in history JSON: base64, after `"data":` (with a space where the JSON is pretty-printed). */
const PAYLOAD_DATA = /"data":\s*"([A-Za-z0-9+/=]*)"/g;
const decode = (data: string) => Buffer.from(data, 'base64').toString('utf8');

/**
 * A workflow's history as text with every payload decoded, so a test can assert what Temporal holds: the
 * history JSON carries payloads as base64.
 */
export async function readableHistory(handle: WorkflowHandle): Promise<string> {
  const json = historyToJSON(await handle.fetchHistory());
  return json.replace(PAYLOAD_DATA, (_, data: string) => JSON.stringify({ data: decode(data) }));
}

/**
 * Only the decoded payloads of a history (inputs, results, update arguments, details): what the project put
 * into Temporal, without Temporal's own ids and timestamps, in which a short digit string can occur by chance.
 */
export async function historyPayloads(handle: WorkflowHandle): Promise<string> {
  const json = historyToJSON(await handle.fetchHistory());
  return [...json.matchAll(PAYLOAD_DATA)].map(([, data]) => decode(data)).join('\n');
}

/** With RECORD_HISTORIES=1 (`npm run histories:record`), keeps the history for the replay tests. */
export async function recordHistoryIfAsked(handle: WorkflowHandle, name: string): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  // Stack traces in failures name the recording machine's checkout: kept as paths in the repository.
  const json = historyToJSON(await handle.fetchHistory()).replaceAll(`${REPOSITORY}/`, '/repo/');
  writeFileSync(join(HISTORIES_DIR, `${name}.json`), json);
}

const REPOSITORY = join(__dirname, '..', '..');
