import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import type { ReturnActivities } from '@avrr/contracts';
import { DisbursementEntity, ReintegrationPlanEntity } from '@avrr/persistence';
import { waitForMail } from './support/caught-mail';
import { insertCase } from './support/fixtures';
import { paymentProvider } from './support/sandboxes';
import { startWorkerActivities, type WorkerActivities } from './support/worker-activities';

/** The payment activities against the sandbox provider, as Temporal may run them: more than once. */
describe('paying reintegration tranches through the payment provider', () => {
  let app: WorkerActivities['app'];
  let activities: ReturnActivities;
  let dataSource: DataSource;

  const faults = paymentProvider.faults;

  beforeAll(async () => {
    process.env.PAYMENT_TIMEOUT_MS = '1000';
    ({ app, activities, dataSource } = await startWorkerActivities());
  });

  afterAll(async () => {
    delete process.env.PAYMENT_TIMEOUT_MS;
    await faults({ failNext: 0, delayMs: 0, loseNextAnswers: 0 });
    await app?.close();
  });

  const run = <A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A): Promise<R> =>
    new MockActivityEnvironment({
      workflowExecution: { workflowId: 'return-payments-test', runId: 'run-1' },
      activityId: '9',
      scheduledTimestampMs: Date.now(),
    }).run(fn, ...args) as Promise<R>;

  /** A case with an approved plan and one approved tranche, as the API leaves them. */
  async function approvedTranche(tranche: Partial<DisbursementEntity>): Promise<string> {
    // Returning to Pakistan, where the directory has the mission that hands a voucher over.
    const caseRef = await insertCase(dataSource, { destinationCountry: 'PK', destinationCity: 'Lahore' });
    await dataSource.manager.insert(ReintegrationPlanEntity, {
      caseRef,
      items: [{ category: 'business-set-up', description: 'Workshop', amount: '1000.00' }],
      total: '1000.00',
      currency: 'EUR',
      submittedBy: 'case-worker-1',
      approvedBy: 'supervisor-1',
      approvedAt: new Date(),
    });
    await dataSource.manager.insert(DisbursementEntity, {
      caseRef,
      tranche: 1,
      currency: 'EUR',
      status: 'approved',
      requestedBy: 'case-worker-1',
      approvedBy: 'finance-1',
      ...tranche,
    });
    return caseRef;
  }

  it('issues one voucher however often the activity runs, and voids it unless a vendor redeemed it', async () => {
    const caseRef = await approvedTranche({ method: 'voucher', amount: '300.00', vendorCategory: 'tools' });
    const first = await run(activities.disburse, caseRef, 1);
    const again = await run(activities.disburse, caseRef, 1);
    expect(again).toEqual(first);
    const vouchers = (await paymentProvider.vouchers()).filter((v) => v.reference === `${caseRef}/tranche/1`);
    expect(vouchers).toHaveLength(1);
    expect(vouchers[0].expiresAt).toBe(first.expiresAt);
    const row = await dataSource.manager.findOneByOrFail(DisbursementEntity, { caseRef, tranche: 1 });
    expect(row).toMatchObject({ status: 'paid', voucherCode: vouchers[0].code });
    // The mission is sent the voucher once, however often the activity ran.
    const sent = await waitForMail(caseRef, (m) => m.subject === `Voucher for tranche 1 - case ${caseRef}`);
    expect(sent.map((m) => m.text.includes(vouchers[0].code))).toEqual([true]);

    // Run again after its handover was written (a step pending until this payment settles, after a worker crash):
    // still the payment made, not an approval taken for uncommitted for ever.
    await dataSource.manager.update(DisbursementEntity, { caseRef, tranche: 1 }, { status: 'closed' });
    expect(await run(activities.disburse, caseRef, 1)).toEqual(first);
    await dataSource.manager.update(DisbursementEntity, { caseRef, tranche: 1 }, { status: 'paid' });

    expect((await paymentProvider.redeem(vouchers[0].code, 'Tools Ltd')).status).toBe('redeemed');
    expect(await run(activities.expireVoucher, caseRef, 1, 'expired')).toBe('redeemed');
    expect((await dataSource.manager.findOneByOrFail(DisbursementEntity, { caseRef, tranche: 1 })).status).toBe('paid');
  });

  it('pays a vendor once when the answer to the payment is lost, and fails to be retried while the provider is down', async () => {
    const caseRef = await approvedTranche({
      method: 'vendor-payment',
      amount: '450.00',
      vendorName: 'Lagos Sewing Supplies',
      invoiceRef: 'INV-7',
    });
    await faults({ failNext: 1, status: 503, scope: `${caseRef}/` });
    const unavailable = await run(activities.disburse, caseRef, 1).catch((e: unknown) => e);
    // Retryable: Temporal tries again (after the provider's Retry-After, when it sends one).
    expect(unavailable).toMatchObject({ nonRetryable: false, type: 'PartnerUnavailable' });
    expect((unavailable as Error).message).toBe('the payment provider answered 503 to POST /payments');

    await faults({ loseNextAnswers: 1, scope: `${caseRef}/` });
    const lost = await run(activities.disburse, caseRef, 1).catch((e: unknown) => e);
    // The provider paid, then the connection dropped.
    expect((lost as Error).message).toBe(
      'the payment provider gave no answer to POST /payments: the connection failed',
    );
    await run(activities.disburse, caseRef, 1);
    const payments = (await paymentProvider.payments()).filter((p) => p.reference === `${caseRef}/tranche/1`);
    expect(payments).toHaveLength(1);
    const row = await dataSource.manager.findOneByOrFail(DisbursementEntity, { caseRef, tranche: 1 });
    expect(row).toMatchObject({ status: 'paid', paymentRef: payments[0].paymentRef });
  });

  it('waits, retried, for an approval the API has not committed yet', async () => {
    const caseRef = await approvedTranche({
      method: 'voucher',
      amount: '100.00',
      vendorCategory: 'food',
      status: 'requested',
    });
    const early = await run(activities.disburse, caseRef, 1).catch((e: unknown) => e);
    expect(early).not.toBeInstanceOf(ApplicationFailure);
    expect((early as Error).message).toBe(`the approval of tranche 1 of case ${caseRef} is not committed yet`);
    expect((await paymentProvider.vouchers()).filter((v) => v.reference === `${caseRef}/tranche/1`)).toEqual([]);
  });
});
