import { startTravelAgencySandbox, type TravelAgencySandbox } from './travel-agency-sandbox';

/** The faults a developer switches on, as the README tells them to: set, cleared, set again elsewhere. */
describe('sandbox faults on demand', () => {
  let agency: TravelAgencySandbox;
  beforeAll(async () => (agency = await startTravelAgencySandbox({ port: 0 })));
  afterAll(() => agency.stop());

  const faults = (set: object) =>
    fetch(`${agency.url}/_control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(set),
    });
  const lookup = (key: string) =>
    fetch(`${agency.url}/bookings`, { headers: { authorization: `Bearer ${agency.apiKey}`, 'idempotency-key': key } });

  it('applies a fault set after a narrower one was cleared or spent', async () => {
    await faults({ scope: 'return-A/', failNext: 100, status: 503 });
    expect((await lookup('return-A/1')).status).toBe(503);
    await faults({ scope: 'return-A/', failNext: 0, delayMs: 0 });
    expect((await lookup('return-A/1')).status).toBe(404);

    await faults({ path: '/bookings', failNext: 2, status: 502 });
    expect((await lookup('return-A/1')).status).toBe(502);
    await faults({ scope: 'return-A/', failNext: 1, status: 500 });
    expect((await lookup('return-A/1')).status).toBe(500);
    // The scoped set spent, the path's applies again.
    expect((await lookup('return-A/1')).status).toBe(502);
    expect((await lookup('return-A/1')).status).toBe(404);
  });
});
