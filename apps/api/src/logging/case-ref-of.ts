import { CASE_REF_PATTERN } from '@avrr/contracts';
import type { Request } from 'express';
import { currentRequest } from '../steps/step-request';

type NamingRequest = Request & { caseNamed?: string };

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
