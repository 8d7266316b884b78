/** A voucher for the returnee, redeemable at vendors of its category until it expires. */
export interface VoucherOrder {
  /** Our reference: the case and tranche, no personal data. */
  reference: string;
  value: string;
  currency: string;
  category: string;
  /** How long it may be redeemed, from when the provider issues it (an outage does not shorten it). */
  validForSeconds: number;
}

export interface VendorPaymentOrder {
  reference: string;
  vendor: string;
  invoiceRef: string;
  amount: string;
  currency: string;
}

/**
 * How reintegration money moves: vouchers and payments to vendors, never cash. The adapter for a provider's API
 * is here; a real provider's adapter implements the same calls, each idempotent on the key it is given.
 */
export interface PaymentPort {
  issueVoucher(order: VoucherOrder, key: string): Promise<{ code: string; expiresAt: string }>;
  payVendor(order: VendorPaymentOrder, key: string): Promise<{ paymentRef: string }>;
  /** Voids an unredeemed voucher; 'redeemed' when a vendor redeemed it first. */
  voidVoucher(code: string): Promise<'voided' | 'redeemed'>;
}

export const PAYMENTS = Symbol('PaymentPort');
export const PAYMENT_REFUSED = 'PaymentRefused';
