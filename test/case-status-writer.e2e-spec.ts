import { DataSource } from 'typeorm';
import { CaseStatuses, dataSourceOptions } from '@avrr/persistence';
import { CaseStatusWriter } from '../apps/worker/src/case-status-writer';
import { newCaseRef } from './support/http';
import { testStack } from './support/test-env';

/**
 * A worker stopping: what the database could not take before it closed is tried once more, then never again. A
 * stopped worker's timer kept writing to its closed pool every 2 s, for as long as its process lived.
 */
describe('the case statuses a stopping worker could not write', () => {
  it('are tried at shutdown, and not after it', async () => {
    const dataSource = await new DataSource(dataSourceOptions(testStack().databaseUrl)).initialize();
    await dataSource.destroy(); // the database as a stopping worker finds it: closed
    const statuses = new CaseStatuses(dataSource);
    const attempts = jest.spyOn(statuses, 'record');
    const writer = new CaseStatusWriter(statuses);
    const { fn } = writer.sinks().caseStatus.changed;
    const info = { runId: 'run-1', runStartTime: new Date() } as Parameters<typeof fn>[0];
    const status = { caseRef: newCaseRef('CLOSED'), stage: 'intake', stageSince: null, waitingFor: null } as never;

    await fn(info, status, null, 1); // three attempts, then kept to write later
    await writer.flush({ last: true });
    const atShutdown = attempts.mock.calls.length;
    expect(atShutdown).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // past the retry interval
    expect(attempts.mock.calls.length).toBe(atShutdown);
  });
});
