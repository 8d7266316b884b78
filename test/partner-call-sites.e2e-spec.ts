import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { ReturnErrorType } from '@avrr/contracts';
import { AgencyApiBooking, BOOKING_REFUSED } from '../libs/activities/src/booking/agency-api.adapter';
import { PaymentApi } from '../libs/activities/src/payments/payment-api.adapter';
import { PAYMENT_REFUSED } from '../libs/activities/src/payments/payment.port';
import { paymentProvider, travelAgency } from './support/sandboxes';
import { testStack } from './support/test-env';

/**
 * Every call the product makes to a partner's API, against the sandbox partners, under each answer that is not a
 * success: 409 and 422 are the partner's refusal (not retried, with the status and code only, for the workflow to
 * turn into a state of the case: `partner-refusals.e2e-spec.ts` walks each refusal type through a return), 429 and
 * 503 are "not now" (retried by Temporal). The workflow tells refusals apart by their type alone, so this table and
 * those walks together cover each call site under each answer.
 */
describe("each partner call site under the partner's refusals and 'not now' answers", () => {
  const agency = () =>
    new AgencyApiBooking({ url: testStack().travelAgencyUrl, apiKey: testStack().travelAgencyApiKey, timeoutMs: 5000 });
  const provider = () =>
    new PaymentApi({ url: testStack().paymentUrl, apiKey: testStack().paymentApiKey, timeoutMs: 5000 });
  const segments = [{ flight: 'RO201', from: 'OTP', to: 'IST', departsAt: '2030-01-01T08:00:00Z' }];
  const travellers = [{ givenName: 'Test', familyName: 'Traveller', type: 'adult' as const }];
  const caseRef = 'CALL-SITES';
  const voucherOrder = (reference: string) => ({
    reference,
    value: '100.00',
    currency: 'EUR',
    category: 'tools',
    validForSeconds: 86_400,
  });

  interface CallSite {
    name: string;
    refusalType: string;
    /** Sets up what the call needs, then returns the fault to set (scope or path) and the call itself. */
    prepare(): Promise<{ fault: { scope?: string; path?: string }; call(): Promise<unknown> }>;
  }

  const callSites: CallSite[] = [
    {
      name: 'agency: book',
      refusalType: BOOKING_REFUSED,
      prepare: async () => {
        const key = `call-sites/book/${randomUUID()}`;
        return { fault: { scope: key }, call: () => agency().book({ caseRef, travellers, segments }, key) };
      },
    },
    {
      name: 'agency: cancel a booking',
      refusalType: BOOKING_REFUSED,
      prepare: async () => {
        const { bookingRef } = await agency().book({ caseRef, travellers, segments }, `call-sites/${randomUUID()}`);
        const key = `call-sites/cancel/${randomUUID()}`;
        return {
          fault: { scope: key },
          call: () => agency().cancel({ caseRef, bookingRef, reason: 'withdrawn' }, key),
        };
      },
    },
    {
      name: 'payment provider: issue a voucher',
      refusalType: PAYMENT_REFUSED,
      prepare: async () => {
        const key = `call-sites/voucher/${randomUUID()}`;
        return { fault: { scope: key }, call: () => provider().issueVoucher(voucherOrder(key), key) };
      },
    },
    {
      name: 'payment provider: pay a vendor',
      refusalType: PAYMENT_REFUSED,
      prepare: async () => {
        const key = `call-sites/payment/${randomUUID()}`;
        const order = { reference: key, vendor: 'V-1', invoiceRef: 'INV-1', amount: '50.00', currency: 'EUR' };
        return { fault: { scope: key }, call: () => provider().payVendor(order, key) };
      },
    },
    {
      name: 'payment provider: void a voucher',
      refusalType: PAYMENT_REFUSED,
      prepare: async () => {
        const key = `call-sites/${randomUUID()}`;
        const { code } = await provider().issueVoucher(voucherOrder(key), key);
        return { fault: { path: `/vouchers/${code}/void` }, call: () => provider().voidVoucher(code) };
      },
    },
  ];

  const sandboxOf = (site: CallSite) => (site.refusalType === BOOKING_REFUSED ? travelAgency : paymentProvider);
  const failureOf = async (site: CallSite, status: number): Promise<ApplicationFailure> => {
    const { fault, call } = await site.prepare();
    await sandboxOf(site).faults({ failNext: 1, status, retryAfter: status === 429 ? 7 : 0, ...fault });
    const error = await call().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApplicationFailure);
    return error as ApplicationFailure;
  };

  describe.each(callSites)('$name', (site) => {
    it.each([409, 422])(
      'takes %i for a refusal: not retried, with the status and code, no partner text',
      async (status) => {
        const failure = await failureOf(site, status);
        expect(failure.type).toBe(site.refusalType);
        expect(failure.nonRetryable).toBe(true);
        expect(failure.message).toContain(String(status));
        expect(failure.message).not.toContain('the sandbox answers');
      },
    );

    it('takes 429 for "not now": retried after the partner\'s Retry-After', async () => {
      const failure = await failureOf(site, 429);
      expect(failure.type).toBe(ReturnErrorType.PartnerUnavailable);
      expect(failure.nonRetryable).toBe(false);
      expect(failure.nextRetryDelay).toBe(7000);
    });

    it('takes 503 for "not now": retried by the retry policy', async () => {
      const failure = await failureOf(site, 503);
      expect(failure.type).toBe(ReturnErrorType.PartnerUnavailable);
      expect(failure.nonRetryable).toBe(false);
    });
  });
});
