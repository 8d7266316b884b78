import { CASE_REF_PATTERN } from '@avrr/contracts';
import type { AuthenticatedRequest } from '../auth/principal';

/**
 * The case a request's log line and audit row name, once it is answered with `status`. A reference is typed by
 * staff and may spell what it must not (a name, a birth date): it is named only once the API took it as a case's,
 * from the path unless no such case was found (404), from the body (opening a case) once its rules held: answered,
 * taken already (409), refused by the programme's policy (422) or kept for its workflow to start (503).
 */
const AFTER_THE_RULES = new Set([409, 422, 503]);

export function caseRefOf(request: AuthenticatedRequest, status: number): string | undefined {
  const fromPath = (request.params as Record<string, string | undefined> | undefined)?.caseRef;
  const fromBody = (request.body as { caseRef?: unknown } | undefined)?.caseRef;
  let caseRef: unknown;
  if (fromPath !== undefined) caseRef = status === 404 ? undefined : fromPath;
  else caseRef = status < 400 || AFTER_THE_RULES.has(status) ? fromBody : undefined;
  return typeof caseRef === 'string' && caseRef.length <= 40 && CASE_REF_PATTERN.test(caseRef) ? caseRef : undefined;
}
