import { Catch, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { answerError } from './error-answer';

/**
 * PostgreSQL refusing a value is bad input the DTOs did not catch: a 400 naming the column where PostgreSQL says
 * which, never a 500. Only the error's code and column are logged: its parameters hold what a person typed.
 */
@Catch(QueryFailedError)
export class DatabaseErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Database');

  catch(error: QueryFailedError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { code, column } = error.driverError as { code?: string; column?: string };
    const field = column ? `field ${column}` : 'a field';
    // Class 22 is "data exception" (too long, out of range, bad encoding), 23 an integrity constraint.
    const [status, message] = code?.startsWith('22')
      ? [HttpStatus.BAD_REQUEST, `${field} has a value the database cannot store (${code})`]
      : code === '23505'
        ? [HttpStatus.CONFLICT, 'this exists already']
        : code?.startsWith('23')
          ? [HttpStatus.BAD_REQUEST, `${field} breaks a rule of the records (${code})`]
          : [HttpStatus.INTERNAL_SERVER_ERROR, 'the database failed: the request can be repeated'];
    const line = `query failed with code ${code ?? 'unknown'}${column ? ` on column ${column}` : ''}`;
    // A value refused is the client's to correct (4xx): worth a look, not an alert.
    if (status >= 500) this.logger.error(line);
    else this.logger.warn(line);
    answerError(response, status, [message]);
  }
}
