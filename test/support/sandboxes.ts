import type { SandboxBooking, SandboxCall, SandboxPayment, SandboxVoucher } from '@avrr/local-stack';
import { testStack } from './test-env';

/**
 * A partner sandbox as tests talk to it: its API (with its key), what it was asked (`calls`), and the faults it
 * takes (scope them to the test's keys: spec files run side by side).
 */
function sandboxClient(url: () => string, apiKey: () => string) {
  const call = async <T = unknown>(path: string, init: RequestInit = {}): Promise<T> => {
    const response = await fetch(`${url()}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey()}` },
    });
    return (response.status === 204 ? undefined : response.json()) as Promise<T>;
  };
  return {
    call,
    calls: () => call<SandboxCall[]>('/_control/calls'),
    faults: (set: object) => call('/_control/faults', { method: 'POST', body: JSON.stringify(set) }),
  };
}

const agency = sandboxClient(
  () => testStack().travelAgencyUrl,
  () => testStack().travelAgencyApiKey,
);
export const travelAgency = { ...agency, bookings: () => agency.call<SandboxBooking[]>('/_control/bookings') };

const provider = sandboxClient(
  () => testStack().paymentUrl,
  () => testStack().paymentApiKey,
);
export const paymentProvider = {
  ...provider,
  vouchers: () => provider.call<SandboxVoucher[]>('/_control/vouchers'),
  payments: () => provider.call<SandboxPayment[]>('/_control/payments'),
  /** What a vendor does at the provider when the returnee hands over the voucher. */
  redeem: (code: string, vendor: string) =>
    provider.call<SandboxVoucher>(`/vouchers/${code}/redeem`, { method: 'POST', body: JSON.stringify({ vendor }) }),
};
