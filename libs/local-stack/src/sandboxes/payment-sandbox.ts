import { randomBytes } from 'node:crypto';
import { keptState } from './kept-state';
import { startSandboxServer, type Answer, type RunningSandbox } from './sandbox-server';

export interface SandboxVoucher {
  code: string;
  reference: string;
  value: string;
  currency: string;
  category: string;
  expiresAt: string;
  status: 'issued' | 'redeemed' | 'voided';
  redeemedBy?: string;
}

export interface SandboxPayment {
  paymentRef: string;
  reference: string;
  vendor: string;
  invoiceRef: string;
  amount: string;
  currency: string;
  status: 'paid';
}

export type PaymentSandbox = RunningSandbox;

/**
 * A payment provider's API as real ones behave: vouchers (issued with a unique code, redeemed once by a vendor,
 * voided unless redeemed, not redeemable after expiry) and payments to vendors; a repeated Idempotency-Key
 * answers what was done under it, never a second voucher or payment. It takes the faults of every sandbox.
 * `/_control/vouchers` and `/_control/payments` list what it holds.
 */
export function startPaymentSandbox(
  options: { port?: number; host?: string; apiKey?: string; stateFile?: string } = {},
): Promise<PaymentSandbox> {
  const kept = keptState(options.stateFile, {
    vouchers: [] as SandboxVoucher[],
    payments: [] as SandboxPayment[],
    /** What was done under each key: a voucher's code or a payment's reference. */
    byKey: [] as [string, string][],
  });
  const vouchers = new Map(kept.state.vouchers.map((v) => [v.code, v]));
  const payments = new Map(kept.state.payments.map((p) => [p.paymentRef, p]));
  const byKey = new Map<string, SandboxVoucher | SandboxPayment>(
    kept.state.byKey.map(([key, ref]) => [key, (vouchers.get(ref) ?? payments.get(ref))!]),
  );

  const once = (key: string | undefined, create: () => SandboxVoucher | SandboxPayment | string): Answer => {
    if (!key) return [400, { error: 'Idempotency-Key header is required' }];
    const done = byKey.get(key);
    if (done) return [200, done];
    const made = create();
    if (typeof made === 'string') return [422, { error: made }];
    byKey.set(key, made);
    return [201, made];
  };

  return startSandboxServer({
    ...options,
    apiKey: options.apiKey ?? `sandbox-${randomBytes(8).toString('hex')}`,
    lists: { vouchers: () => [...vouchers.values()], payments: () => [...payments.values()] },
    changed: () => {
      const refOf = (done: SandboxVoucher | SandboxPayment) => ('code' in done ? done.code : done.paymentRef);
      Object.assign(kept.state, {
        vouchers: [...vouchers.values()],
        payments: [...payments.values()],
        byKey: [...byKey].map(([key, done]) => [key, refOf(done)]),
      });
      kept.save();
    },
    handle: ({ method, path, body, idempotencyKey }): Answer => {
      const request = (body ?? {}) as Record<string, string>;
      if (path === '/vouchers' && method === 'POST') {
        return once(idempotencyKey, () => {
          const missing = ['reference', 'value', 'currency', 'category', 'validForSeconds'].filter((f) => !request[f]);
          if (missing.length) return `${missing.join(', ')} required`;
          const validFor = Number(request.validForSeconds);
          if (!Number.isInteger(validFor) || validFor < 1) return 'validForSeconds must be a whole number, at least 1';
          const voucher: SandboxVoucher = {
            code: `V-${randomBytes(5).toString('hex').toUpperCase()}`,
            reference: request.reference,
            value: request.value,
            currency: request.currency,
            category: request.category,
            expiresAt: new Date(Date.now() + validFor * 1000).toISOString(),
            status: 'issued',
          };
          vouchers.set(voucher.code, voucher);
          return voucher;
        });
      }
      if (path === '/payments' && method === 'POST') {
        return once(idempotencyKey, () => {
          const missing = ['reference', 'vendor', 'invoiceRef', 'amount', 'currency'].filter((f) => !request[f]);
          if (missing.length) return `${missing.join(', ')} required`;
          const payment: SandboxPayment = {
            paymentRef: `P-${randomBytes(5).toString('hex').toUpperCase()}`,
            reference: request.reference,
            vendor: request.vendor,
            invoiceRef: request.invoiceRef,
            amount: request.amount,
            currency: request.currency,
            status: 'paid',
          };
          payments.set(payment.paymentRef, payment);
          return payment;
        });
      }
      const voucherMatch = /^\/vouchers\/([A-Z0-9-]+)\/(redeem|void)$/.exec(path);
      const voucher = voucherMatch && vouchers.get(voucherMatch[1]);
      if (voucherMatch && !voucher) return [404, { error: 'no such voucher' }];
      if (voucher && method === 'POST' && voucherMatch[2] === 'redeem') {
        if (voucher.status !== 'issued')
          return [409, { error: `the voucher is ${voucher.status}`, status: voucher.status }];
        if (Date.parse(voucher.expiresAt) <= Date.now()) return [409, { error: 'the voucher has expired' }];
        voucher.status = 'redeemed';
        voucher.redeemedBy = request.vendor;
        return [200, voucher];
      }
      if (voucher && method === 'POST' && voucherMatch[2] === 'void') {
        if (voucher.status === 'redeemed') return [409, { error: 'the voucher is redeemed', status: 'redeemed' }];
        voucher.status = 'voided';
        return [200, voucher];
      }
      return [404, { error: 'no such route' }];
    },
  });
}
