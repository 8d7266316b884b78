import {
  HttpException,
  Injectable,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { catchError, concatMap, from, throwError, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { preparedQuery } from '@avrr/persistence';
import type { AuthenticatedRequest } from '../auth/principal';
import { DomainError } from '../errors/domain-errors';
import { statusOf } from '../errors/domain-exception.filter';
import { setRecent } from '../common/recent-map';
import { auditTargetOf, caseNamed, caseRefOf } from '../logging/case-ref-of';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const AUDITED_READ = 'audited-read';
const READ_KEPT_MS = 5 * 60_000;

/** A read that shows a returnee's personal data: who saw it is kept, as who changed it is. */
export const AuditedRead = () => SetMetadata(AUDITED_READ, true);

/**
 * One audit row for every write request that reaches its handler, whatever its outcome, and for a read of a
 * returnee's personal data that was answered with it (200; one per reader and case every five minutes): who (the staff
 * id), what (the route), which case, the answer's status, from which address, under which request id. Other reads, a
 * view that had not changed (304) and requests refused by the guard are not written.
 */
@Injectable()
export class AuditTrailInterceptor implements NestInterceptor {
  private readonly reads = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    if (!WRITES.has(request.method)) {
      if (!this.reflector.get<boolean | undefined>(AUDITED_READ, context.getHandler())) return next.handle();
      return next.handle().pipe(
        concatMap(async (value: unknown) => {
          if (response.statusCode === 200 && this.firstReadLately(request)) await this.record(request, 200);
          return value;
        }),
      );
    }
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

  /**
   * A page that reads the case again every few seconds shows the same person the same data: one row per reader and
   * case every READ_KEPT_MS (per API process) says who saw it, without a row per poll.
   */
  private firstReadLately(request: AuthenticatedRequest): boolean {
    const key = `${request.user?.id} ${(request.params as { caseRef?: string }).caseRef}`;
    const now = Date.now();
    const last = this.reads.get(key);
    if (last !== undefined && now - last < READ_KEPT_MS) return false;
    setRecent(this.reads, key, now, 10_000);
    return true;
  }

  /**
   * The row names the case the API took (caseNamed), else the path's reference if a case has it: a write refused
   * before its case was read (bad input) still names an existing case, and never a reference that names none.
   */
  private async record(request: AuthenticatedRequest, status: number): Promise<void> {
    const fromPath = (request.params as { caseRef?: unknown } | undefined)?.caseRef;
    const [row] = await preparedQuery<{ caseRef: string | null }>(
      this.dataSource.manager,
      `INSERT INTO audit_log (actor, action, case_ref, status, address, request_id, target)
       VALUES ($1, $2, COALESCE($3, (SELECT case_ref FROM return_cases WHERE case_ref = $7)), $4, $5, $6, $8)
       RETURNING case_ref AS "caseRef"`,
      [
        request.user?.id ?? 'anonymous',
        `${request.method} ${(request.route as { path?: string } | undefined)?.path ?? request.path}`,
        caseRefOf(request) ?? null,
        status,
        request.ip ?? 'unknown',
        request.requestId ?? 'none',
        typeof fromPath === 'string' && fromPath.length <= 40 ? fromPath : null,
        auditTargetOf(request),
      ],
    );
    // The request's log line names it too.
    if (row?.caseRef) caseNamed(row.caseRef, request);
  }
}

function statusOfError(error: unknown): number {
  if (error instanceof HttpException) return error.getStatus();
  if (error instanceof DomainError) return statusOf(error);
  return 500;
}
