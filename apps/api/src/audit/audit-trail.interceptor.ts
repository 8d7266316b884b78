import {
  HttpException,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Response } from 'express';
import { catchError, concatMap, from, throwError, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { preparedQuery } from '@avrr/persistence';
import type { AuthenticatedRequest } from '../auth/principal';
import { DomainError } from '../errors/domain-errors';
import { statusOf } from '../errors/domain-exception.filter';
import { caseRefOf } from '../logging/case-ref-of';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * One audit row for every write request that reaches its handler, whatever its outcome: who (the staff id),
 * what (the route), which case, the answer's status, from which address, under which request id. Reads and
 * requests refused by the guard are not written.
 */
@Injectable()
export class AuditTrailInterceptor implements NestInterceptor {
  constructor(private readonly dataSource: DataSource) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!WRITES.has(request.method)) return next.handle();
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      concatMap(async (value: unknown) => {
        await this.record(request, response.statusCode);
        return value;
      }),
      catchError((error: unknown) =>
        from(this.record(request, statusOfError(error))).pipe(concatMap(() => throwError(() => error))),
      ),
    );
  }

  private async record(request: AuthenticatedRequest, status: number): Promise<void> {
    await preparedQuery(
      this.dataSource.manager,
      `INSERT INTO audit_log (actor, action, case_ref, status, address, request_id) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        request.user?.id ?? 'anonymous',
        `${request.method} ${(request.route as { path?: string } | undefined)?.path ?? request.path}`,
        caseRefOf(request, status) ?? null,
        status,
        request.ip ?? 'unknown',
        request.requestId ?? 'none',
      ],
    );
  }
}

function statusOfError(error: unknown): number {
  if (error instanceof HttpException) return error.getStatus();
  if (error instanceof DomainError) return statusOf(error);
  return 500;
}
