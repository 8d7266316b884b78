import { STATUS_CODES } from 'node:http';
import type { Response } from 'express';

/**
 * Answers an error in the API's one shape (statusCode, error, message), as JSON even from a route that answers a CSV
 * file: the file's type and attachment name set for the answer it would have given do not label the error.
 */
export function answerError(response: Response, status: number, message: string[], error?: string): void {
  jsonErrorHeaders(response);
  response.status(status).json({ statusCode: status, error: error ?? STATUS_CODES[status] ?? 'Error', message });
}

/** The headers of an error answer, for an answer Nest writes itself. */
export function jsonErrorHeaders(response: Response): void {
  if (response.headersSent) return;
  response.removeHeader('content-disposition');
  response.type('application/json');
}
