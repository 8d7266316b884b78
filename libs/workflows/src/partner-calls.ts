import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  patched,
} from '@temporalio/workflow';
import { ONE_TRUTH } from './versions';

/** The partner's own refusal (a 4xx other than 408 and 429), which retrying would not change. */
export function partnerRefusal(error: unknown): ApplicationFailure | null {
  return error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.nonRetryable
    ? error.cause
    : null;
}

/** How a failure reads in the case, without the partner's own words (they may echo personal data). */
export function failureClass(error: unknown): string {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (cause instanceof ApplicationFailure) return cause.type ?? 'ApplicationFailure';
  return cause instanceof Error ? cause.name : 'Error';
}

/**
 * Runs a partner call that `stopped()` makes pointless (the returnee withdrew): the call, with its retries, is
 * cancelled the moment it does. Null when stopped.
 */
export async function unlessStopped<T>(call: () => Promise<T>, stopped?: () => boolean): Promise<T | null> {
  if (!stopped || !patched(ONE_TRUTH)) return call();
  if (stopped()) return null;
  let finished = false;
  const scope = new CancellationScope();
  void condition(() => finished || stopped()).then(() => {
    if (!finished) scope.cancel();
  });
  try {
    return await scope.run(call);
  } catch (error) {
    if (stopped() && isCancellation(error)) return null;
    throw error;
  } finally {
    finished = true;
  }
}
