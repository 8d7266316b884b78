import { CASE_REF_PATTERN } from '@avrr/contracts';
import type { Request } from 'express';
import { currentRequest } from '../steps/step-request';

type NamingRequest = Request & { caseNamed?: string; auditTarget?: string };

/**
 * Called where the API takes a reference as a case's: a case found in the caller's grant, or a new case's reference
 * once its rules held. A reference is typed by staff and may spell what it must not (a name, a birth date): the
 * request's log line and audit row name only one taken so, never one refused before (bad input, a role or a key
 * refused, no such case), whatever the answer's status.
 */
export function caseNamed(caseRef: string, request: Request | undefined = currentRequest()): void {
  if (request) (request as NamingRequest).caseNamed = caseRef;
}

/** The case a request's log line and audit row name, if the API took one (caseNamed). */
export function caseRefOf(request: Request): string | undefined {
  const caseRef = (request as NamingRequest).caseNamed;
  return typeof caseRef === 'string' && caseRef.length <= 40 && CASE_REF_PATTERN.test(caseRef) ? caseRef : undefined;
}

/** What a write acted on, for its audit row, when its route does not say it (a partner by kind and place). */
export function auditTarget(target: string, request: Request | undefined = currentRequest()): void {
  if (request) (request as NamingRequest).auditTarget = target;
}

/** Route parameters and a `programme` query parameter are ids and codes; anything else typed there is not written. */
const ID_OR_CODE = /^[A-Za-z0-9._:|-]{1,100}$/;

/** What a request acted on besides its case: what the API named (auditTarget), else its route's ids and codes. */
export function auditTargetOf(request: Request): string | null {
  const named = (request as NamingRequest).auditTarget;
  if (named) return named.slice(0, 200);
  const params = Object.entries((request.params ?? {}) as Record<string, unknown>).filter(
    ([name]) => name !== 'caseRef',
  );
  const programme = (request.query as Record<string, unknown> | undefined)?.programme;
  const parts = [...params, ...(programme === undefined ? [] : [['programme', programme] as const])].map(
    ([name, value]) => `${name}=${typeof value === 'string' && ID_OR_CODE.test(value) ? value : '(not an id)'}`,
  );
  return parts.length ? parts.join(', ').slice(0, 200) : null;
}
