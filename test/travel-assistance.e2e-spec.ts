import { MockActivityEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import type { Itinerary, ReturnActivities } from '@avrr/contracts';
import { PartnerDirectory } from '@avrr/persistence';
import { caughtMail } from './support/caught-mail';
import { insertCase } from './support/fixtures';
import { startWorkerActivities, type WorkerActivities } from './support/worker-activities';

const ITINERARY: Itinerary = {
  bookingRef: 'AB12CD',
  segments: [
    { flight: 'RO201', from: 'OTP', to: 'IST', departsAt: '2027-01-12T06:40:00Z' },
    { flight: 'TK378', from: 'IST', to: 'TBS', departsAt: '2027-01-12T11:05:00Z' },
  ],
};

/** The e-mails to the partners who assist on the way, run twice as Temporal may run them. */
describe('airport assistance and onward travel requests', () => {
  let app: WorkerActivities['app'];
  let activities: ReturnActivities;
  let dataSource: DataSource;

  beforeAll(async () => {
    ({ app, activities, dataSource } = await startWorkerActivities());
    // The airport teams are the run's own (global setup): replacing them here would race the journey tests.
    const partners = new PartnerDirectory(dataSource);
    await partners.upsert({ kind: 'mission', place: 'GE', name: 'IOM Tbilisi', email: 'mission.ge@partners.test' });
  });

  afterAll(() => app?.close());

  /** Two attempts of one activity execution: same workflow, run and activity ids, so the same idempotency key. */
  const twice = async <F extends (...args: any[]) => Promise<void>>(
    activityId: string,
    fn: F,
    ...args: Parameters<F>
  ) => {
    const workflowExecution = { workflowId: `return-assist-${activityId}`, runId: `run-${process.pid}-${Date.now()}` };
    for (let i = 0; i < 2; i++) await new MockActivityEnvironment({ workflowExecution, activityId }).run(fn, ...args);
  };
  const mailOf = async (caseRef: string) => (await caughtMail()).filter((m) => m.subject.includes(`case ${caseRef}`));

  it('asks each airport team once for its part, with the flights, the travellers and only the needs it must know', async () => {
    const caseRef = await insertCase(dataSource, { vulnerabilities: ['medical-need', 'victim-of-trafficking'] });
    await twice('11', activities.requestAirportAssistance, caseRef, 'departure', 'OTP', ITINERARY);
    await twice('12', activities.requestAirportAssistance, caseRef, 'transit', 'IST', ITINERARY);

    const mail = await mailOf(caseRef);
    const departure = mail.filter((m) => m.subject === `Airport assistance (departure, OTP) - case ${caseRef}`);
    expect(departure).toHaveLength(1);
    expect(departure[0].to).toEqual(['assist.otp@partners.test']);
    expect(departure[0].text).toContain('assist the travellers below through check-in, security and boarding at OTP');
    expect(departure[0].text).toContain('- RO201 OTP -> IST, departing 2027-01-12 06:40 UTC');
    expect(departure[0].text).toMatch(/^- BERIDZE, Giorgi$/m);
    expect(departure[0].text).toMatch(/^- BERIDZE, Nino$/m);
    expect(departure[0].text).toContain('Assistance needed: medical-need.');
    for (const notTheirs of ['trafficking', 'rejected-asylum-seeker', 'Tbilisi', '1985-02-01', '2012-09-15']) {
      expect(departure[0].text).not.toContain(notTheirs);
    }
    expect(mail.filter((m) => m.subject.startsWith('Airport assistance (transit, IST)')).map((m) => m.to)).toEqual([
      ['assist.ist@partners.test'],
    ]);
  });

  it('asks the mission to receive the travellers and take them to their city, and cancels what is no longer needed', async () => {
    const caseRef = await insertCase(dataSource);
    await twice('13', activities.requestOnwardTravel, caseRef, ITINERARY);
    await twice('14', activities.cancelAirportAssistance, caseRef, 'departure', 'OTP', 'withdrawn');

    const mail = await mailOf(caseRef);
    const onward = mail.find((m) => m.subject === `Reception and onward travel - case ${caseRef}`);
    expect(onward?.to).toEqual(['mission.ge@partners.test']);
    expect(onward?.text).toContain('arriving at TBS on TK378');
    expect(onward?.text).toContain('onward\ntravel to Tbilisi');
    const cancelled = mail.filter(
      (m) => m.subject === `Cancelled: airport assistance (departure, OTP) - case ${caseRef}`,
    );
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0].text).not.toContain('Giorgi');
  });

  it('waits, to be retried, while an airport has no assistance team in the directory', async () => {
    const caseRef = await insertCase(dataSource);
    const failure = await new MockActivityEnvironment({
      activityId: '15',
      workflowExecution: { workflowId: 'w', runId: 'r' },
    })
      .run(activities.requestAirportAssistance, caseRef, 'transit' as const, 'TBS', ITINERARY)
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({
      type: 'PartnerMissing',
      nonRetryable: false,
      message: 'no airport-assistance for TBS in the partner directory',
    });
  });
});
