import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';
import type { ReturnView } from './return-view';
import { viewTag } from './case-views';

/**
 * Tags every case view a return's endpoints answer (a step's answer is the case view after it): `ETag` and
 * `Content-Location: /returns/<ref>`, so a screen can go on to wait for the case's next change without reading it
 * again first (docs/reading-cases.md).
 */
@Injectable()
export class CaseViewTag implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((answer: unknown) => {
        if (isCaseView(answer) && !response.headersSent && !response.getHeader('ETag')) {
          response.setHeader('ETag', viewTag(answer));
          response.setHeader('Content-Location', `/returns/${encodeURIComponent(answer.caseRef)}`);
        }
        return answer;
      }),
    );
  }
}

function isCaseView(answer: unknown): answer is ReturnView {
  return typeof answer === 'object' && answer !== null && 'caseRef' in answer && 'timeline' in answer;
}
