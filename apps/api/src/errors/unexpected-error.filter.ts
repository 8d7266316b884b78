import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { answerError } from './error-answer';

/**
 * Any error no other filter answers: a 500 that says the request can be repeated. The log gets the error's type, its
 * code (a gRPC status or SQLSTATE, its own or its cause's) and where it was thrown, never its message, which can
 * quote what a person typed.
 */
@Catch()
export class UnexpectedErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Api');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof HttpException) return answerHttpException(response, error);
    const type = error instanceof Error ? error.constructor.name : typeof error;
    const frames = error instanceof Error ? (error.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)) : [];
    const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
    const coded = code ?? cause?.code;
    const codeText = typeof coded === 'string' || typeof coded === 'number' ? ` (code ${coded})` : '';
    this.logger.error(`unexpected ${type}${codeText} ${frames.slice(0, 6).join(' ').replace(/\s+/g, ' ')}`);
    answerError(response, HttpStatus.INTERNAL_SERVER_ERROR, ['the request failed: it can be repeated']);
  }
}

/**
 * Nest's own refusals (validation, sign-in, roles, rate limit) in the API's one shape: `message` a list, as every
 * other refusal's, whether Nest was given one message or several.
 */
function answerHttpException(response: Response, error: HttpException): void {
  const body = error.getResponse();
  const { message, error: name } = (typeof body === 'object' ? body : { message: body }) as {
    message?: unknown;
    error?: unknown;
  };
  const messages = (Array.isArray(message) ? message : [message ?? error.message]).map(String);
  answerError(response, error.getStatus(), messages, typeof name === 'string' ? name : undefined);
}
