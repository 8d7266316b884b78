import { WorkflowUpdateRPCTimeoutOrCancelledError, type Client } from '@temporalio/client';

/** A call to Temporal that answers within `ms` or fails as unavailable; the call itself is abandoned, not undone. */
export async function withinDeadline<T>(temporal: Client, ms: number, call: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExpired()), ms);
  });
  const answer = temporal.connection.withDeadline(Date.now() + ms, call);
  answer.catch(() => undefined);
  try {
    return await Promise.race([answer, expired]);
  } finally {
    clearTimeout(timer);
  }
}

class DeadlineExpired extends Error {}

/**
 * gRPC statuses that mean "not now": CANCELLED (our deadline cut the call), DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED
 * (the workflow busy), ABORTED (an update aborted) and UNAVAILABLE.
 */
const NOT_NOW = [1, 4, 8, 10, 14];

/**
 * No answer now, so the call can be repeated: our deadline, the update's own timeout, a "not now" status, and
 * FAILED_PRECONDITION (9) while the return's workflow task is failing, which the server answers for a while after a
 * worker dies (the crash soak saw it). The API answers 503 with Retry-After; a step stays pending and is decided
 * later.
 */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof DeadlineExpired || error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  const cause = (error as { cause?: { code?: number; details?: string; message?: string } }).cause;
  const code = (error as { code?: number }).code ?? cause?.code;
  return (
    (code !== undefined && NOT_NOW.includes(code)) ||
    (code === 9 && /workflow task in failed state/i.test(cause?.details ?? cause?.message ?? ''))
  );
}
