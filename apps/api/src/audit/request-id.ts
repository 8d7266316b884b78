import { randomUUID } from 'node:crypto';
import type { NextFunction, Response } from 'express';
import type { AuthenticatedRequest } from '../auth/principal';

const ACCEPTABLE = /^[A-Za-z0-9._-]{1,100}$/;

/** Every request gets an id (the caller's `X-Request-Id` when well-formed), echoed back and kept in the audit trail. */
export function requestId(request: AuthenticatedRequest, response: Response, next: NextFunction): void {
  const given = request.header('x-request-id');
  request.requestId = given && ACCEPTABLE.test(given) ? given : randomUUID();
  response.setHeader('X-Request-Id', request.requestId);
  next();
}
