import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { tap, type Observable } from 'rxjs';
import type { LoggedRequest } from './request-log';

/** Tells the request's log line that its case has a workflow, once an answer shows one. */
@Injectable()
export class LogContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<LoggedRequest>();
    return next.handle().pipe(
      tap((answer: unknown) => {
        const workflow = (answer as { workflow?: { workflowId?: string } | null } | null)?.workflow;
        if (workflow?.workflowId) request.caseHasWorkflow = true;
      }),
    );
  }
}
