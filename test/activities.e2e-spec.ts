import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { ReturnErrorType, type ReturnActivities } from '@avrr/contracts';
import { caughtMail } from './support/caught-mail';
import { insertCase } from './support/fixtures';
import { startWorkerActivities, type WorkerActivities } from './support/worker-activities';
import { TEST_CONSULATES } from './support/test-env';

/** The worker's activities against the real PostgreSQL and SMTP server, each run twice as Temporal may run it. */
describe('activities', () => {
  let app: WorkerActivities['app'];
  let activities: ReturnActivities;
  let dataSource: DataSource;

  beforeAll(async () => {
    ({ app, activities, dataSource } = await startWorkerActivities());
  });

  afterAll(async () => {
    await app?.close();
  });

  const openCase = (destinationCountry: string) => insertCase(dataSource, { destinationCountry });

  const attempt = (caseRef: string, activityId: string) =>
    new MockActivityEnvironment({
      workflowExecution: { workflowId: `return-${caseRef}`, runId: 'run-1' },
      activityId,
    });

  it('sends the consulate one e-mail when the request activity runs twice', async () => {
    const caseRef = await openCase('GE');
    for (let i = 0; i < 2; i++) {
      await attempt(caseRef, '3').run(activities.requestTravelDocument, caseRef, '2026-12-07T10:00:00.000Z');
    }

    const mail = (await caughtMail()).filter((m) => m.subject.includes(caseRef));
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({
      to: [TEST_CONSULATES.GE.email],
      subject: `Travel document request - case ${caseRef}`,
      messageId: `<return-${caseRef}.run-1.3@avrr-returns>`,
    });
    expect(mail[0].text).toContain('by 2026-12-07 10:00 UTC');
    const rows = await dataSource.query('SELECT kind FROM case_timeline WHERE case_ref = $1', [caseRef]);
    expect(rows).toEqual([{ kind: 'travel-document-requested' }]);

    // A reminder is another activity: it sends its own e-mail.
    await attempt(caseRef, '5').run(activities.remindTravelDocument, caseRef, 1);
    expect((await caughtMail()).filter((m) => m.subject.includes(caseRef)).map((m) => m.subject)).toEqual([
      `Travel document request - case ${caseRef}`,
      `Reminder 1: travel document request - case ${caseRef}`,
    ]);
  });

  it('records a stage once when the activity runs twice', async () => {
    const caseRef = await openCase('GE');
    for (let i = 0; i < 2; i++) await attempt(caseRef, '1').run(activities.recordStage, caseRef, 'intake' as const);
    const [returnCase] = await dataSource.query('SELECT stage FROM return_cases WHERE case_ref = $1', [caseRef]);
    expect(returnCase.stage).toBe('intake');
    const events = await dataSource.query('SELECT summary, actor FROM case_timeline WHERE case_ref = $1', [caseRef]);
    expect(events).toEqual([{ summary: 'Entered stage intake', actor: 'system' }]);
  });

  it('fails, to be retried, while the destination has no consulate in the directory', async () => {
    const caseRef = await openCase('AF');
    const failure = await attempt(caseRef, '3')
      .run(activities.requestTravelDocument, caseRef, '2026-12-07T10:00:00.000Z')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({
      type: ReturnErrorType.PartnerMissing,
      nonRetryable: false,
      message: 'no consulate for AF in the partner directory',
    });
    expect((await caughtMail()).filter((m) => m.subject.includes(caseRef))).toEqual([]);
  });
});
