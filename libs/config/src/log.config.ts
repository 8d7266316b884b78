import { Expose } from 'class-transformer';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { validateConfig } from './validate-config';

/** How the API and the worker log: the same three variables for both. */
export class LogEnv {
  /** `json` (one JSON object per line, for a log collector) or `pretty` (readable text; `npm start` sets it). */
  @Expose()
  @IsIn(['json', 'pretty'], { message: 'must be json or pretty' })
  LOG_FORMAT = 'json';

  @Expose()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'must be one of fatal, error, warn, info, debug, trace, silent',
  })
  LOG_LEVEL = 'info';

  /** Append the log to this file instead of writing it to standard output. */
  @Expose()
  @IsOptional()
  @IsString()
  LOG_FILE?: string;
}

export interface LogConfig {
  format: 'json' | 'pretty';
  level: string;
  file?: string;
}

export const logConfigOf = (env: LogEnv): LogConfig => ({
  format: env.LOG_FORMAT as LogConfig['format'],
  level: env.LOG_LEVEL,
  file: env.LOG_FILE,
});

export const logConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): LogConfig =>
  logConfigOf(validateConfig(LogEnv, env));
