import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import type { TemporalConfig } from '@avrr/config';
import { OPS_DIGEST_SCHEDULE_ID, OPS_DIGEST_WORKFLOW_TYPE } from '@avrr/contracts';

/**
 * The daily digest's Temporal Schedule, created once (a schedule that exists is left as it is, so every worker
 * may call this at start): every day at 07:00 UTC. Temporal keeps it across restarts of the API, the worker
 * and the server; the digest activity sends each supervisor one e-mail per day even when a run repeats.
 */
export async function ensureDigestSchedule(
  connection: NativeConnection,
  { namespace, taskQueue }: Pick<TemporalConfig, 'namespace' | 'taskQueue'>,
): Promise<void> {
  const client = new Client({ connection, namespace });
  try {
    await client.schedule.create({
      scheduleId: OPS_DIGEST_SCHEDULE_ID,
      spec: { calendars: [{ hour: 7, comment: 'daily digest of overdue and failing returns' }] },
      action: { type: 'startWorkflow', workflowType: OPS_DIGEST_WORKFLOW_TYPE, taskQueue },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
}
