import { condition, defineUpdate, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { bareActivities } from './bare-activities';

export const stepUpdate = defineUpdate<void>('step');

const { noop } = proxyActivities<typeof bareActivities>({ startToCloseTimeout: '1 minute' });
const local = proxyLocalActivities<typeof bareActivities>({ startToCloseTimeout: '1 minute' });

/** The `i`th of `total` activities is local when the `locals` local ones, spread evenly, fall on it. */
const isLocal = (i: number, total: number, locals: number) =>
  Math.floor(((i + 1) * locals) / total) > Math.floor((i * locals) / total);

/**
 * The ceiling for a return: `activities` no-op activities in sequence (`locals` of them local activities, as the
 * return's own), split into `updates + 1` stretches; each update is answered once the workflow has reached it, as a
 * staff step is answered once the return waits for it.
 */
export async function bareReturn(activities: number, updates: number, locals = 0): Promise<void> {
  let reached = 0;
  let received = 0;
  setHandler(stepUpdate, async () => {
    const mine = ++received;
    await condition(() => reached >= mine);
  });
  for (let stretch = 0; stretch <= updates; stretch++) {
    const from = Math.floor((stretch * activities) / (updates + 1));
    const to = Math.floor(((stretch + 1) * activities) / (updates + 1));
    for (let i = from; i < to; i++) await (isLocal(i, activities, locals) ? local.noop() : noop());
    if (stretch < updates) {
      reached = stretch + 1;
      await condition(() => received >= reached);
    }
  }
  await condition(() => reached >= received);
}

/** Waits for one update, then ends: an open return's ceiling for memory. */
export async function bareOpen(): Promise<void> {
  let done = false;
  setHandler(stepUpdate, () => {
    done = true;
  });
  await condition(() => done);
}
