import type { LoggerService } from '@nestjs/common';
import pino from 'pino';
import pretty from 'pino-pretty';
import type { LogConfig } from './log.config';

/**
 * A process's log as `LOG_FORMAT`, `LOG_LEVEL` and `LOG_FILE` say: JSON lines for a collector (readable text under
 * `npm start`), to standard output or the file. The API and the worker each build theirs here, from their first line
 * (a refused setting at boot) to their last; asked again alike, it is the same log.
 */
export function processLog(config: LogConfig, name: 'api' | 'worker'): { log: pino.Logger; nest: LoggerService } {
  const key = JSON.stringify([name, config.format, config.level, config.file]);
  let built = logs.get(key);
  if (!built) logs.set(key, (built = buildLog(config, name)));
  return built;
}

const logs = new Map<string, { log: pino.Logger; nest: LoggerService }>();

function buildLog(config: LogConfig, name: 'api' | 'worker'): { log: pino.Logger; nest: LoggerService } {
  const options: pino.LoggerOptions = { level: config.level, base: { process: name } };
  // Synchronous, so that the line saying why a process stops is written before it exits.
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
  return { log, nest };
}
