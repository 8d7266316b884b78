import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { startMailCatcher } from '../mail-catcher';
import { startPaymentSandbox } from './payment-sandbox';
import { startTravelAgencySandbox } from './travel-agency-sandbox';

/** The local partners after a restart of `npm start`: they still hold what they held, as real ones would. */
describe('local partners kept across a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'avrr-kept-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const read = async (answer: Response): Promise<any> => answer.json();
  const call = (url: string, apiKey: string, path: string, init: RequestInit & { key?: string } = {}) =>
    fetch(`${url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${apiKey}`,
        'content-type': 'application/json',
        ...(init.key && { 'idempotency-key': init.key }),
      },
    });

  it('keeps the agency bookings under their keys, and cancels one booked before the restart', async () => {
    const options = { port: 0, apiKey: 'kept', stateFile: join(dir, 'agency.json') };
    let agency = await startTravelAgencySandbox(options);
    const booking = {
      travellers: [{ givenName: 'A', familyName: 'B' }],
      segments: [{ flight: 'RO1', from: 'OTP', to: 'IST', departsAt: '2030-01-01T10:00:00Z' }],
    };
    const made = await read(
      await call(agency.url, 'kept', '/bookings', { method: 'POST', key: 'k1', body: JSON.stringify(booking) }),
    );
    await agency.stop();

    agency = await startTravelAgencySandbox(options);
    const found = await call(agency.url, 'kept', '/bookings', { key: 'k1' });
    expect([found.status, (await read(found)).bookingRef]).toEqual([200, made.bookingRef]);
    const again = await call(agency.url, 'kept', '/bookings', {
      method: 'POST',
      key: 'k1',
      body: JSON.stringify(booking),
    });
    expect([again.status, (await read(again)).bookingRef]).toEqual([200, made.bookingRef]);
    const cancelled = await call(agency.url, 'kept', `/bookings/${made.bookingRef}/cancel`, { method: 'POST' });
    expect([cancelled.status, (await read(cancelled)).status]).toEqual([200, 'cancelled']);
    await agency.stop();
  });

  it('keeps the vouchers the provider issued, redeemable after the restart, and its answer under each key', async () => {
    const options = { port: 0, apiKey: 'kept', stateFile: join(dir, 'payments.json') };
    let provider = await startPaymentSandbox(options);
    const voucher = {
      reference: 'C-1/tranche/1',
      value: '10.00',
      currency: 'EUR',
      category: 'tools',
      validForSeconds: 86_400,
    };
    const issued = await read(
      await call(provider.url, 'kept', '/vouchers', { method: 'POST', key: 'v1', body: JSON.stringify(voucher) }),
    );
    await provider.stop();

    provider = await startPaymentSandbox(options);
    const again = await call(provider.url, 'kept', '/vouchers', {
      method: 'POST',
      key: 'v1',
      body: JSON.stringify(voucher),
    });
    expect([again.status, (await read(again)).code]).toEqual([200, issued.code]);
    const redeemed = await call(provider.url, 'kept', `/vouchers/${issued.code}/redeem`, {
      method: 'POST',
      body: JSON.stringify({ vendor: 'Shop' }),
    });
    expect([redeemed.status, (await read(redeemed)).status]).toEqual([200, 'redeemed']);
    await provider.stop();
  });

  it('keeps the mail it caught', async () => {
    const options = { smtpPort: 0, httpPort: 0, stateFile: join(dir, 'mail.json') };
    let mail = await startMailCatcher(options);
    await createTransport(mail.smtpUrl).sendMail({
      from: 'a@x.test',
      to: 'b@x.test',
      subject: 'Kept',
      text: 'Hi',
    });
    await mail.stop();

    mail = await startMailCatcher(options);
    const messages = await read(await fetch(`${mail.httpUrl}/messages`));
    expect(messages.map((m: { subject: string }) => m.subject)).toEqual(['Kept']);
    await mail.stop();
  });
});
