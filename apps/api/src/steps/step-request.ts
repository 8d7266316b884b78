import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { InvalidFieldError } from '../errors/domain-errors';

const requests = new AsyncLocalStorage<Request>();

/** Keeps the request at hand for the step seam, which reads its `Idempotency-Key` and body. */
export function stepRequest(request: Request, _response: Response, next: NextFunction): void {
  requests.run(request, next);
}

/** The request being answered, if any. */
export function currentRequest(): Request | undefined {
  return requests.getStore();
}

export const DERIVED_KEY_PREFIX = 'derived-';

/** A key the API derived from the request, not one the client sent. */
export const isDerived = (key: string) => key.startsWith(DERIVED_KEY_PREFIX);
const KEY = /^[\x21-\x7e]{1,200}$/;

export interface StepKey {
  /** The client's `Idempotency-Key`, else one derived from its `X-Request-Id`, else a key of this request alone. */
  key: string;
  /** Who asked for what: the same key with another request is refused. */
  fingerprint: string;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * The idempotency key and fingerprint of the step being recorded. A client that sends no `Idempotency-Key` but
 * repeats a request with the same `X-Request-Id` (as proxies and retrying clients do) is answered as a repeat; a
 * request with neither is a step of its own: two identical counselling sessions are two sessions.
 */
export function stepKey(caseRef: string, step: string, actor: string, payload: unknown): StepKey {
  const request = requests.getStore();
  const given = request && idempotencyKeyOf(request);
  const requestId = request?.header('x-request-id');
  const fingerprint = sha256(
    JSON.stringify({ caseRef, step, actor, path: request?.path, body: request?.body ?? payload }),
  );
  const derived = requestId && REQUEST_ID.test(requestId) ? `request-${requestId}` : randomUUID();
  return { key: given ?? `${DERIVED_KEY_PREFIX}${derived}`, fingerprint };
}

/** The header a step's key came from, as the client sent it: `Idempotency-Key …`, or `X-Request-Id …` for a derived key. */
export function keyAsSent(key: string): string {
  const fromRequestId = `${DERIVED_KEY_PREFIX}request-`;
  return key.startsWith(fromRequestId) ? `X-Request-Id ${key.slice(fromRequestId.length)}` : `Idempotency-Key ${key}`;
}

/** The client's `Idempotency-Key`, if it sent one; a malformed one is refused, naming the header. */
export function idempotencyKeyOf(request: Request): string | undefined {
  const given = request.header('idempotency-key');
  if (given !== undefined && !KEY.test(given)) {
    throw new InvalidFieldError('Idempotency-Key', 'must be 1 to 200 printable ASCII characters without spaces');
  }
  // The API's own keys for requests sent without one start so: a client's may not pass for them.
  if (given?.startsWith(DERIVED_KEY_PREFIX)) {
    throw new InvalidFieldError(
      'Idempotency-Key',
      `must not start with ${DERIVED_KEY_PREFIX}, which the API keeps for its own`,
    );
  }
  return given;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
