import { proxyActivities } from '@temporalio/workflow';
import type { OpsDigestActivities } from '@avrr/contracts';

const digests = proxyActivities<OpsDigestActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '10 minutes' },
  summary: "e-mail each programme's supervisors their overdue and failing returns",
});

/**
 * The daily digest, started by the `ops-digest` Temporal Schedule. The day is the run's start (workflow time), so
 * a retried or repeated run of the same day finds the digests already sent.
 */
export async function opsDigestWorkflow(): Promise<number> {
  return digests.sendOpsDigests(new Date().toISOString().slice(0, 10));
}
