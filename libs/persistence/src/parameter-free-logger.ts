import { Logger as NestLogger } from '@nestjs/common';
import type { Logger } from 'typeorm';

/**
 * TypeORM's own logger prints a failed query with its parameters, which can be a returnee's name or birth
 * date. This one logs the error and the SQL, never the values.
 */
export class ParameterFreeLogger implements Logger {
  private readonly logger = new NestLogger('Database');

  logQuery(): void {}

  /**
   * The error's code and the names PostgreSQL gives (constraint, column), not its message: that can quote a value.
   * A constraint's refusal (class 23) is logged at debug level: it is how a repeated write finds the first one (the
   * caller answers it) or bad input the API answers with a 4xx, never a fault to alert anyone about.
   */
  logQueryError(error: string | Error, query: string): void {
    const { code, constraint, column } = (typeof error === 'string' ? {} : error) as Record<string, unknown>;
    const names = [
      code && `code ${String(code)}`,
      constraint && `constraint ${String(constraint)}`,
      column && `column ${String(column)}`,
    ];
    const line = `query failed: ${names.filter(Boolean).join(', ') || 'no code'} -- ${query}`;
    if (String(code ?? '').startsWith('23')) this.logger.debug(line);
    else this.logger.error(line);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query (${time} ms): ${query}`);
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}
