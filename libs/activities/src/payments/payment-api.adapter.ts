import { ApplicationFailure } from '@temporalio/activity';
import { PartnerApi } from '../partner-api';
import { PAYMENT_REFUSED, type PaymentPort, type VendorPaymentOrder, type VoucherOrder } from './payment.port';

/** A payment provider's API over HTTP; every voucher and payment carries its key as `Idempotency-Key`. */
export class PaymentApi implements PaymentPort {
  private readonly api: PartnerApi;

  constructor(api: { url: string; apiKey?: string; timeoutMs: number }) {
    this.api = new PartnerApi(api, 'payment provider', PAYMENT_REFUSED);
  }

  issueVoucher(order: VoucherOrder, key: string): Promise<{ code: string; expiresAt: string }> {
    return this.api.call('POST', '/vouchers', order, { 'idempotency-key': key });
  }

  payVendor(order: VendorPaymentOrder, key: string): Promise<{ paymentRef: string }> {
    return this.api.call('POST', '/payments', order, { 'idempotency-key': key });
  }

  async voidVoucher(code: string): Promise<'voided' | 'redeemed'> {
    const answer = await this.api.send('POST', `/vouchers/${encodeURIComponent(code)}/void`);
    if (answer.ok) return 'voided';
    if (answer.status === 409 && (JSON.parse(answer.text) as { status?: string }).status === 'redeemed') {
      return 'redeemed';
    }
    throw ApplicationFailure.nonRetryable(
      `the payment provider refused to void a voucher (${answer.status})`,
      PAYMENT_REFUSED,
    );
  }
}

/** Without a provider configured, a payment waits (retried, visible in Temporal UI) until one is. */
export class PaymentsNotConfigured implements PaymentPort {
  issueVoucher(): never {
    throw new Error('no payment provider is configured (PAYMENT_API_URL)');
  }
  payVendor(): never {
    throw new Error('no payment provider is configured (PAYMENT_API_URL)');
  }
  voidVoucher(): never {
    throw new Error('no payment provider is configured (PAYMENT_API_URL)');
  }
}
