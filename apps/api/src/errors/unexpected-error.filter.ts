import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { answerError, jsonErrorHeaders } from './error-answer';

/**
 * Any error no other filter answers: a 500 that says the request can be repeated. The log gets the error's type, its
 * code (a gRPC status or SQLSTATE, its own or its cause's) and where it was thrown, never its message, which can
 * quote what a person typed.
 */
@Catch()
export class UnexpectedErrorFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('Api');

  override catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof HttpException) {
      jsonErrorHeaders(response);
      return super.catch(error, host);
    }
    const type = error instanceof Error ? error.constructor.name : typeof error;
    const frames = error instanceof Error ? (error.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)) : [];
    const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
    const coded = code ?? cause?.code;
    const codeText = typeof coded === 'string' || typeof coded === 'number' ? ` (code ${coded})` : '';
    this.logger.error(`unexpected ${type}${codeText} ${frames.slice(0, 6).join(' ').replace(/\s+/g, ' ')}`);
    answerError(response, HttpStatus.INTERNAL_SERVER_ERROR, ['the request failed: it can be repeated']);
  }
}
