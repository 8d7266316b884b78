import type { Page } from 'playwright-core';
import { eventually } from './eventually';
import { testStack } from './test-env';

const ui = () => `${testStack().temporalUiUrl}/namespaces/default`;

/** Temporal UI's workflow list for a visibility query: the text of its table once `workflowId` is listed in it. */
export async function workflowsListedInUi(page: Page, query: string, workflowId: string): Promise<string> {
  await page.goto(`${ui()}/workflows?query=${encodeURIComponent(query)}`);
  await page.getByText(workflowId, { exact: true }).first().waitFor({ timeout: 15_000 });
  return page.innerText('main');
}

/**
 * The workflow's "User Metadata" tab in Temporal UI (summary, current details, the events' summaries) as a reader
 * sees it, once it shows every `expected` text; it fails when one never shows.
 */
export async function userMetadataInUi(
  page: Page,
  run: { workflowId: string; runId: string },
  expected: (string | RegExp)[],
): Promise<string> {
  await page.goto(`${ui()}/workflows/${run.workflowId}/${run.runId}/history`);
  await page.getByText('User Metadata', { exact: true }).click();
  await page.getByText('Current Details').waitFor();
  return eventually(async () => {
    // Temporal UI renders the summary and the details (markdown) in sandboxed frames.
    const frames = await Promise.all(page.frames().map((f) => f.innerText('body').catch(() => '')));
    const text = frames.join('\n');
    return expected.every((e) => (typeof e === 'string' ? text.includes(e) : e.test(text))) ? text : undefined;
  });
}
