import type { NextFunction, Request, Response } from 'express';
import { answerError } from '../errors/error-answer';

/** Deeper than any request body this API takes (a policy is 5 levels); deeper bodies are refused before validation. */
export const MAX_BODY_DEPTH = 12;
const MAX_BODY_NODES = 5000;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses, before anything else reads the request, what no route of this API can take: a body that is not JSON,
 * nested too deep or too large, a query parameter given twice, or a NUL byte in the path, the query or any key or
 * text of the body. PostgreSQL
 * cannot store a NUL, and a deep body would overflow the validator's stack: both were 500s.
 */
export function refuseMalformedRequests(request: Request, response: Response, next: NextFunction): void {
  const refuse = (status: number, message: string) => answerError(response, status, [message]);

  if (WRITES.has(request.method) && hasBody(request) && !request.is('application/json') && !takesCsv(request)) {
    return refuse(415, 'content-type must be application/json');
  }
  let path: string;
  try {
    path = decodeURIComponent(request.path);
  } catch {
    return refuse(400, 'path is not a valid URL');
  }
  if (path.includes('\u0000')) return refuse(400, 'path must not contain a NUL character');
  const queryProblem = problemIn(request.query, 'query');
  if (queryProblem) return refuse(400, queryProblem);
  // No query parameter of this API takes several values: one given twice would read as a list, refused obscurely.
  const repeated = Object.entries(request.query).find(([, value]) => typeof value !== 'string');
  if (repeated) return refuse(400, `${repeated[0]} must be given once, as one value`);
  if (WRITES.has(request.method) && request.body === undefined) request.body = {};
  const bodyProblem = problemIn(request.body, '');
  if (bodyProblem) return refuse(400, bodyProblem);
  next();
}

/** The one route whose body is not JSON: a programme's history, imported as a CSV file. */
function takesCsv(request: Request): boolean {
  return request.method === 'POST' && /^\/reports\/imports\/?$/.test(request.path) && Boolean(request.is('text/csv'));
}

function hasBody(request: Request): boolean {
  return Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
}

const OBJECT_INTERNALS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The first NUL, too deep or too large a value, or a property named after an object's internals, in a parsed body or
 * query, walked without recursion.
 */
function problemIn(root: unknown, rootName: string): string | null {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value: root, path: rootName, depth: 0 }];
  for (let nodes = 0; pending.length > 0; nodes++) {
    if (nodes > MAX_BODY_NODES) return `${rootName || 'body'} has more than ${MAX_BODY_NODES} values`;
    const { value, path, depth } = pending.pop()!;
    const name = path || 'body';
    if (typeof value === 'string' && value.includes('\u0000')) return `${name} must not contain a NUL character`;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_BODY_DEPTH) return `${name} is nested deeper than ${MAX_BODY_DEPTH} levels`;
    for (const [key, child] of Object.entries(value)) {
      if (key.includes('\u0000')) return `${name} has a property name with a NUL character`;
      const childPath = path ? `${path}.${key}` : key;
      // No field has these names; the DTOs' own check of unknown fields never sees them (class-transformer skips them).
      if (OBJECT_INTERNALS.has(key)) return `property ${childPath} should not exist`;
      pending.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return null;
}
