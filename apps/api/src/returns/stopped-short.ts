/** How Temporal says a run stopped short: ended other than by completing or continuing as new. */
const ABNORMAL = ['TERMINATED', 'FAILED', 'TIMED_OUT', 'CANCELLED', 'CANCELED'];

/** How a workflow that stopped short ended, as staff read it (its reason, where known, follows); null otherwise. */
export function stoppedShort(status: string | null | undefined): string | null {
  return status && ABNORMAL.includes(status)
    ? `the return's workflow was ${status.toLowerCase().replace(/_/g, ' ')} in Temporal`
    : null;
}
