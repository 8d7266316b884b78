import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import {
  CaseNotFoundError,
  CaseReferenceConflictError,
  DomainError,
  InvalidFieldError,
  OrchestratorUnavailableError,
  StepNotAllowedError,
} from './domain-errors';

const STATUS = new Map<abstract new (...args: never[]) => DomainError, HttpStatus>([
  [CaseNotFoundError, HttpStatus.NOT_FOUND],
  [CaseReferenceConflictError, HttpStatus.CONFLICT],
  [StepNotAllowedError, HttpStatus.CONFLICT],
  [InvalidFieldError, HttpStatus.BAD_REQUEST],
  [OrchestratorUnavailableError, HttpStatus.SERVICE_UNAVAILABLE],
]);

/** Answers domain errors in the same shape as Nest's own errors: statusCode, error, message. */
@Catch(DomainError)
export class DomainExceptionFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): void {
    const status = STATUS.get(error.constructor as typeof DomainError) ?? HttpStatus.INTERNAL_SERVER_ERROR;
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(status)
      .json({ statusCode: status, error: error.name, message: [error.message] });
  }
}
