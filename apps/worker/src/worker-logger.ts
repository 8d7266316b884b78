import type { LoggerService } from '@nestjs/common';
import type { LogLevel, LogMetadata, Logger as SdkLogger } from '@temporalio/worker';
import type pino from 'pino';
import { processLog, type LogConfig } from '@avrr/config';

/** The worker's log (`processLog`), for Nest (`nest`) and the Temporal SDK (`sdk`: its worker state and task failures). */
export function workerLogger(config: LogConfig): { nest: LoggerService; sdk: SdkLogger; log: pino.Logger } {
  const { log, nest } = processLog(config, 'worker');
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
