import { ConfigValidationError } from './validate-config';
import { temporalConfigFromEnv } from './temporal.config';
import { MailEnv } from './mail.config';
import { validateConfig } from './validate-config';

describe('configuration validated at boot', () => {
  it('connects to a local Temporal without TLS by default', () => {
    expect(temporalConfigFromEnv({})).toMatchObject({
      address: 'localhost:7233',
      namespace: 'default',
      connection: { address: 'localhost:7233', tls: undefined, apiKey: undefined },
    });
  });

  it('turns TLS on for Temporal Cloud when an API key is given', () => {
    const config = temporalConfigFromEnv({
      TEMPORAL_ADDRESS: 'eu-west-1.aws.api.temporal.io:7233',
      TEMPORAL_NAMESPACE: 'avrr.a1b2c',
      TEMPORAL_API_KEY: 'secret',
    });
    expect(config.connection).toEqual({ address: 'eu-west-1.aws.api.temporal.io:7233', tls: {}, apiKey: 'secret' });
  });

  it('tunes the worker only where asked, and refuses a capacity that is not a whole number in range', () => {
    expect(temporalConfigFromEnv({}).worker).toEqual({});
    expect(
      temporalConfigFromEnv({ TEMPORAL_MAX_CACHED_WORKFLOWS: '5000', TEMPORAL_MAX_CONCURRENT_ACTIVITIES: '200' })
        .worker,
    ).toEqual({ maxCachedWorkflows: 5000, maxConcurrentActivityTaskExecutions: 200 });
    expect(() =>
      temporalConfigFromEnv({
        TEMPORAL_MAX_CONCURRENT_ACTIVITIES: '0',
        TEMPORAL_MAX_CONCURRENT_WORKFLOW_TASKS: 'many',
      }),
    ).toThrow(
      /TEMPORAL_MAX_CONCURRENT_ACTIVITIES: must be a whole number, at least 1[\s\S]*TEMPORAL_MAX_CONCURRENT_WORKFLOW_TASKS: must be a whole number, at least 2/,
    );
  });

  it('names the variable and the rule it breaks', () => {
    expect(() => temporalConfigFromEnv({ TEMPORAL_ADDRESS: 'no-port', TEMPORAL_TLS: 'yes' })).toThrow(
      ConfigValidationError,
    );
    try {
      temporalConfigFromEnv({ TEMPORAL_ADDRESS: 'no-port', TEMPORAL_TLS: 'yes' });
    } catch (error) {
      expect((error as ConfigValidationError).problems).toEqual([
        'TEMPORAL_ADDRESS: must be host:port (got "no-port")',
        'TEMPORAL_TLS: must be true or false (got "yes")',
      ]);
    }
  });

  it('reads a variable set empty as unset, as a compose file passes an optional one', () => {
    expect(temporalConfigFromEnv({ TEMPORAL_WORKER_METRICS_ADDRESS: '', TEMPORAL_NAMESPACE: '' })).toMatchObject({
      namespace: 'default',
      workerMetricsAddress: undefined,
    });
  });

  it('refuses a client certificate without its key, and a file it cannot read, naming the variable', () => {
    const problems = (env: NodeJS.ProcessEnv) => {
      try {
        temporalConfigFromEnv(env);
      } catch (error) {
        return (error as ConfigValidationError).problems;
      }
      return [];
    };
    expect(problems({ TEMPORAL_TLS_CERT_FILE: __filename })).toEqual([
      'TEMPORAL_TLS_KEY_FILE: must be set with TEMPORAL_TLS_CERT_FILE (a client certificate and its key)',
    ]);
    expect(problems({ TEMPORAL_TLS_CERT_FILE: '/nonexistent/cert.pem', TEMPORAL_TLS_KEY_FILE: __filename })).toEqual([
      expect.stringMatching(/^TEMPORAL_TLS_CERT_FILE: cannot read "\/nonexistent\/cert\.pem" \(ENOENT/),
    ]);
  });

  it('requires SMTP_URL and reads numbers strictly', () => {
    expect(() => validateConfig(MailEnv, { SMTP_CONNECTION_TIMEOUT_MS: '10s' })).toThrow(
      /SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL[\s\S]*SMTP_CONNECTION_TIMEOUT_MS: must be a whole number/,
    );
    expect(validateConfig(MailEnv, { SMTP_URL: 'smtp://mail:25', SMTP_CONNECTION_TIMEOUT_MS: '2500' })).toMatchObject({
      SMTP_URL: 'smtp://mail:25',
      SMTP_CONNECTION_TIMEOUT_MS: 2500,
    });
  });
});
