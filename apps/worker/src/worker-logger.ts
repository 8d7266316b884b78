import type { LoggerService } from '@nestjs/common';
import type { LogLevel, LogMetadata, Logger as SdkLogger } from '@temporalio/worker';
import pino from 'pino';
import pretty from 'pino-pretty';
import type { LogConfig } from '@avrr/config';

/**
 * The worker's log, as the API's: JSON lines for a collector (readable text under `npm start`), to standard output or
 * `LOG_FILE`. One pino logger serves Nest (`nest`) and the Temporal SDK (`sdk`, its worker state and task failures).
 */
export function workerLogger(config: LogConfig): { nest: LoggerService; sdk: SdkLogger; log: pino.Logger } {
  const options: pino.LoggerOptions = { level: config.level, base: { process: 'worker' } };
  // Synchronous, so that the line saying why the worker stops is written before it exits.
  const log =
    config.format === 'pretty'
      ? pino(options, pretty({ singleLine: true, sync: true }))
      : config.file
        ? pino(options, pino.destination({ dest: config.file, sync: true, mkdir: true }))
        : pino(options);
  // Nest passes the context last (after a stack for errors).
  const context = (rest: unknown[]) => ({ context: rest.at(-1) });
  const nest: LoggerService = {
    log: (message, ...rest) => log.info(context(rest), String(message)),
    error: (message, ...rest) => log.error(context(rest), String(message)),
    warn: (message, ...rest) => log.warn(context(rest), String(message)),
    debug: (message, ...rest) => log.debug(context(rest), String(message)),
    verbose: (message, ...rest) => log.trace(context(rest), String(message)),
    fatal: (message, ...rest) => log.fatal(context(rest), String(message)),
  };
  // An activity's failure comes as `error`: an Error, which JSON would write as {} (its fields are not enumerable).
  const sdkLog = (level: LogLevel, message: string, meta?: LogMetadata) => {
    const error = meta?.error instanceof Error ? { type: meta.error.name, message: meta.error.message } : meta?.error;
    log[level.toLowerCase() as 'info']({ ...meta, ...(error && { error }), context: 'TemporalSDK' }, message);
  };
  const sdk: SdkLogger = {
    log: sdkLog,
    trace: (message, meta) => sdkLog('TRACE', message, meta),
    debug: (message, meta) => sdkLog('DEBUG', message, meta),
    info: (message, meta) => sdkLog('INFO', message, meta),
    warn: (message, meta) => sdkLog('WARN', message, meta),
    error: (message, meta) => sdkLog('ERROR', message, meta),
  };
  return { nest, sdk, log };
}
