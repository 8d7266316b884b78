import { registerAs } from '@nestjs/config';
import { Expose, Transform } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { logConfigOf, LogEnv, type LogConfig } from './log.config';
import { integerFromEnv, validateConfig } from './validate-config';

const PORT_RULE = 'must be a port number (0 to 65535)';

export class ApiEnv extends LogEnv {
  @Expose()
  @Transform(integerFromEnv)
  @IsInt({ message: PORT_RULE })
  @Min(0, { message: PORT_RULE })
  @Max(65535, { message: PORT_RULE })
  PORT = 3000;

  /**
   * Which proxies in front of the API to believe about the client's address (`X-Forwarded-For`): a number of hops,
   * or addresses, subnets and `loopback`/`linklocal`/`uniquelocal`, comma-separated. Unset: none, the socket's peer.
   */
  @Expose()
  @IsOptional()
  @Matches(
    /^(\d{1,2}|(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(\/\d{1,3})?))*)$/,
    {
      message:
        'must be a number of proxy hops, or addresses, subnets, loopback, linklocal or uniquelocal, comma-separated',
    },
  )
  TRUST_PROXY?: string;

  /** Requests one client address may make per minute, signed in or not; past it, 429 with Retry-After. */
  @Expose()
  @Transform(integerFromEnv)
  @IsInt({ message: 'must be a whole number, at least 1' })
  @Min(1, { message: 'must be a whole number, at least 1' })
  RATE_LIMIT_PER_MINUTE = 600;

  /**
   * How long a step waits for its workflow's decision before the API answers 503 with Retry-After (the step is kept,
   * and settled once the workflow decides). Also the deadline of a return's start.
   */
  @Expose()
  @Transform(integerFromEnv)
  @IsInt({ message: 'must be a whole number of milliseconds, at least 100' })
  @Min(100, { message: 'must be a whole number of milliseconds, at least 100' })
  STEP_DEADLINE_MS = 1500;

  /**
   * How often the step sweeper looks for steps left pending, returns not started and runs closed in Temporal (each API
   * instance sweeps; each pass waits for the one before).
   */
  @Expose()
  @Transform(integerFromEnv)
  @IsInt({ message: 'must be a whole number of milliseconds, at least 500' })
  @Min(500, { message: 'must be a whole number of milliseconds, at least 500' })
  STEP_SWEEP_MS = 5000;

  /**
   * The shortest reminder interval a programme's policy may set (ISO 8601): a partner reminded every second is
   * flooded, and each reminder grows the return's history. Tests and demos with policies in seconds lower it.
   */
  @Expose()
  @Matches(/^PT?(\d+[WDHMS])+$/, { message: 'must be an ISO 8601 duration such as PT1H' })
  POLICY_SHORTEST_REMINDER = 'PT1H';
}

export interface ApiConfig {
  port: number;
  /** Express's `trust proxy` setting: false (none), a number of hops, or a list of addresses. */
  trustProxy: false | number | string;
  log: LogConfig;
  rateLimitPerMinute: number;
  stepDeadlineMs: number;
  stepSweepMs: number;
  /** ISO 8601. */
  shortestReminder: string;
}

export const apiConfig = registerAs('api', (): ApiConfig => {
  const env = validateConfig(ApiEnv);
  const proxy = env.TRUST_PROXY;
  return {
    port: env.PORT,
    trustProxy: !proxy ? false : /^\d+$/.test(proxy) ? Number(proxy) : proxy,
    log: logConfigOf(env),
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    stepDeadlineMs: env.STEP_DEADLINE_MS,
    stepSweepMs: env.STEP_SWEEP_MS,
    shortestReminder: env.POLICY_SHORTEST_REMINDER,
  };
});
