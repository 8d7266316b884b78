import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import {
  BeyondGrantError,
  ConflictError,
  DomainError,
  IneligibleError,
  InvalidFieldError,
  NotFoundError,
  OrchestratorUnavailableError,
  OutOfScopeError,
  RepeatTooSoonError,
  SecondPersonRequiredError,
  SignInRefusedError,
  SignInThrottledError,
  StepNotAllowedError,
  StepNotYetError,
} from './domain-errors';
import { answerError } from './error-answer';

const STATUS = new Map<abstract new (...args: never[]) => DomainError, HttpStatus>([
  [NotFoundError, HttpStatus.NOT_FOUND],
  [ConflictError, HttpStatus.CONFLICT],
  [StepNotAllowedError, HttpStatus.CONFLICT],
  [InvalidFieldError, HttpStatus.BAD_REQUEST],
  [OutOfScopeError, HttpStatus.FORBIDDEN],
  [BeyondGrantError, HttpStatus.FORBIDDEN],
  [SecondPersonRequiredError, HttpStatus.FORBIDDEN],
  [IneligibleError, HttpStatus.UNPROCESSABLE_ENTITY],
  [OrchestratorUnavailableError, HttpStatus.SERVICE_UNAVAILABLE],
  [SignInRefusedError, HttpStatus.UNAUTHORIZED],
  [SignInThrottledError, HttpStatus.TOO_MANY_REQUESTS],
]);

/** Answers domain errors in the same shape as Nest's own errors: statusCode, error, message. */
@Catch(DomainError)
export class DomainExceptionFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const status = statusOf(error);
    // A refusal that knows when to try again says so; other refusals for now, in 2 s.
    const retryAfter =
      error instanceof SignInThrottledError || error instanceof RepeatTooSoonError
        ? error.retryAfterSeconds
        : error instanceof OrchestratorUnavailableError || error instanceof StepNotYetError
          ? 2
          : null;
    if (retryAfter !== null) response.setHeader('Retry-After', String(retryAfter));
    answerError(response, status, [error.message], error.name);
  }
}

/** The status of the error's class or of the nearest class it extends. */
export function statusOf(error: DomainError): HttpStatus {
  for (let type = error.constructor; type !== DomainError && type !== Object; type = Object.getPrototypeOf(type)) {
    const status = STATUS.get(type as typeof DomainError);
    if (status) return status;
  }
  return HttpStatus.INTERNAL_SERVER_ERROR;
}
