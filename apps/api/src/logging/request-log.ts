import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { returnWorkflowId } from '@avrr/contracts';
import { processLog, type ApiConfig } from '@avrr/config';
import type { AuthenticatedRequest } from '../auth/principal';
import { caseRefOf } from './case-ref-of';

/** What the log knows of a request: set by the API as it learns it (the case's workflow, once it has one). */
export type LoggedRequest = AuthenticatedRequest & { caseHasWorkflow?: boolean };

/**
 * One line per request, JSON for a collector (readable text under `npm start`): method, route, status, duration,
 * request id, staff id, case reference and workflow id where there is one. Never a body, a header or a query
 * value a person typed: personal data stays out of the log on every path.
 */
export function requestLogOptions({ log }: ApiConfig): Params {
  const options = {
    logger: processLog(log, 'api').log,
    genReqId: (req: IncomingMessage) => (req as LoggedRequest).requestId ?? 'none',
    // Asked as the request comes in (for every line logged while it runs) and again once it is answered, when the
    // user and the case are known: pino-http adds the second answer to the first, so each gives its own keys.
    customProps: (req: IncomingMessage, res: ServerResponse) => {
      const request = req as LoggedRequest;
      if (!res.writableEnded) return { requestId: request.requestId };
      const caseRef = caseRefOf(request);
      return {
        staffId: request.user?.id,
        caseRef,
        workflowId: caseRef && request.caseHasWorkflow ? returnWorkflowId(caseRef) : undefined,
      };
    },
    serializers: {
      req: (req: { method: string }) => ({ method: req.method }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      err: (err: Error) => ({ type: err.name }),
    },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
      error || res.statusCode >= 500 ? 'error' : 'info',
    customSuccessMessage: (req: IncomingMessage, res: ServerResponse) =>
      `${req.method} ${routeOf(req as LoggedRequest)} ${res.statusCode}`,
    customErrorMessage: (req: IncomingMessage, res: ServerResponse) =>
      `${req.method} ${routeOf(req as LoggedRequest)} ${res.statusCode}`,
  };
  return { pinoHttp: options };
}

/** The route's pattern (`/returns/:caseRef/flights`), never the raw URL with its query. */
function routeOf(request: LoggedRequest): string {
  return (request.route as { path?: string } | undefined)?.path ?? '(no route)';
}
