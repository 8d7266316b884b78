import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  patched,
  TimeoutFailure,
} from '@temporalio/workflow';
import { openStepControl } from './ops-controls';
import { ONE_TRUTH, RESEND_CALLS_AGAIN } from './versions';

/** The partner's own refusal (a 4xx other than 408 and 429), which retrying would not change. */
export function partnerRefusal(error: unknown): ApplicationFailure | null {
  return error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.nonRetryable
    ? error.cause
    : null;
}

/**
 * The activity ran out of time (its schedule-to-close deadline): during an attempt, or with the next retry due after
 * it (then the cause is the last attempt's failure).
 */
export function timedOut(error: unknown): boolean {
  return error instanceof ActivityFailure && (error.cause instanceof TimeoutFailure || error.retryState === 'TIMEOUT');
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

/** A request or notice to a partner, cut short as `unlessStopped` does: true once sent, null when stopped. */
export function sentUnlessStopped(send: () => Promise<void>, stopped?: () => boolean): Promise<true | null> {
  return unlessStopped(() => send().then(() => true as const), stopped);
}

/**
 * A partner call that a withdrawal cancels and a supervisor may send again at once (unstick `resend`), when the
 * partner is back and the call waits out its retry's backoff. Null when withdrawn.
 */
export async function resendable<T>(call: () => Promise<T>, withdrawn: () => boolean): Promise<T | null> {
  if (!patched(RESEND_CALLS_AGAIN)) return unlessStopped(call, withdrawn);
  const control = openStepControl({ allowed: ['resend'] });
  try {
    for (;;) {
      const answer = await unlessStopped(call, () => withdrawn() || control.pending());
      if (answer !== null || withdrawn()) return answer;
      control.take();
    }
  } finally {
    control.close();
  }
}
