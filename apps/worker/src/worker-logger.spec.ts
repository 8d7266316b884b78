import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workerLogger } from './worker-logger';

describe("the worker's log", () => {
  it("writes an activity's failure with its type and message, not as an empty object", () => {
    const file = join(mkdtempSync(join(tmpdir(), 'worker-log-')), 'worker.log');
    const { sdk } = workerLogger({ format: 'json', level: 'info', file });
    sdk.warn('Activity failed', { activityType: 'disburse', error: new Error('the provider is down') });
    const [line] = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text));
    expect(line).toMatchObject({
      msg: 'Activity failed',
      context: 'TemporalSDK',
      activityType: 'disburse',
      error: { type: 'Error', message: 'the provider is down' },
    });
  });
});
