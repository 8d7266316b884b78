import { Client as PgClient } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@avrr/persistence';
import { FIELD_ACCESS } from '../apps/api/src/returns/field-access';
import { insertCase } from './support/fixtures';
import { apiClient } from './support/http';
import { startApi, type RunningApi } from './support/running-apps';
import { signedInStaff } from './support/staff';
import { testStack } from './support/test-env';

const READERS = ['case-worker', 'supervisor', 'finance-officer', 'monitor', 'auditor'] as const;

/**
 * A victim of trafficking with a medical need: a passport, a fit-to-travel note, a medical escort and a voucher
 * recorded. Each role reads the case; the sensitive details show only where FIELD_ACCESS lets them.
 */
describe("each role's view of a sensitive case", () => {
  let api: RunningApi;
  let caseRef: string;

  beforeAll(async () => {
    api = await startApi();
    const dataSource = await new DataSource(dataSourceOptions(testStack().databaseUrl)).initialize();
    caseRef = await insertCase(dataSource, {
      targetGroup: 'victim-of-trafficking',
      vulnerabilities: ['victim-of-trafficking', 'medical-need'],
      workflowId: null,
    });
    await dataSource.destroy();
    const db = new PgClient({ connectionString: testStack().databaseUrl });
    await db.connect();
    await db.query(
      `INSERT INTO travel_documents (case_ref, document_type, document_number, expires_on, recorded_by)
       VALUES ($1, 'passport', 'P12345678', '2031-01-01', 'staff-1')`,
      [caseRef],
    );
    await db.query(
      `INSERT INTO travel_checks (case_ref, "check", done_on, note, recorded_by)
       VALUES ($1, 'fit-to-travel', '2026-11-20', 'Dr. Ionescu: insulin-dependent diabetes, fit with escort', 'staff-1')`,
      [caseRef],
    );
    await db.query(
      `INSERT INTO escorts (case_ref, kind, given_name, family_name, recorded_by)
       VALUES ($1, 'medical', 'Ana', 'Pop', 'staff-1')`,
      [caseRef],
    );
    for (const [kind, summary] of [
      ['travel-check-recorded', 'Fit to travel confirmed on 2026-11-20'],
      ['flights-recorded', 'Flights chosen: RO201 OTP-IST 2026-12-01T06:00:00Z, with an escort'],
      ['travel-document-recorded', 'passport *****5678 recorded, valid until 2031-01-01'],
      ['plan-recorded', 'Reintegration plan recorded: medical-care 800.00, basic-goods 200.00; total 1000.00 EUR'],
    ]) {
      await db.query(
        `INSERT INTO case_timeline (case_ref, kind, summary, actor, idempotency_key) VALUES ($1, $2, $3, 'staff-1', $4)`,
        [caseRef, kind, summary, `${caseRef}/${kind}`],
      );
    }
    await db.query(
      `INSERT INTO disbursements (case_ref, tranche, method, amount, currency, vendor_category, status, requested_by,
                                  voucher_code)
       VALUES ($1, 1, 'voucher', 300, 'EUR', 'tools', 'paid', 'staff-1', 'VCH-SECRET-7731')`,
      [caseRef],
    );
    await db.query(
      `INSERT INTO reintegration_plans (case_ref, items, total, currency, submitted_by)
       VALUES ($1, $2, 1000, 'EUR', 'staff-1')`,
      [
        caseRef,
        JSON.stringify([
          { category: 'medical-care', description: 'Insulin for a year', amount: '800.00' },
          { category: 'basic-goods', description: 'A fridge for the insulin', amount: '200.00' },
        ]),
      ],
    );
    await db.end();
  });

  afterAll(() => api?.close());

  it.each(READERS)('as %s', async (role) => {
    const { status, body } = await apiClient(api.url, (await signedInStaff(api.url, [role])).token).get(
      `/returns/${caseRef}`,
    );
    expect(status).toBe(200);
    const sees = (field: keyof typeof FIELD_ACCESS) => (FIELD_ACCESS[field] as readonly string[]).includes(role);
    const line = (kind: string) => body.timeline.find((l: { kind: string }) => l.kind === kind)?.summary;
    const shown = {
      protectionNeeds: [body.targetGroup, body.vulnerabilities],
      healthDetails: [
        body.travelChecks[0].check,
        body.travelChecks[0].note,
        body.escort,
        [line('travel-check-recorded'), line('flights-recorded'), line('plan-recorded')],
        body.reintegration.plan.items.map((item: { category: string }) => item.category),
      ],
      documentNumber: [body.travelDocument.documentNumber, line('travel-document-recorded')],
      voucherCode: body.reintegration.disbursements[0].voucherCode,
      planDetails: body.reintegration.plan.items.map((item: { description: string }) => item.description),
    };
    expect(shown).toEqual({
      protectionNeeds: sees('protectionNeeds')
        ? ['victim-of-trafficking', ['victim-of-trafficking', 'medical-need']]
        : ['restricted', ['restricted']],
      healthDetails: sees('healthDetails')
        ? [
            'fit-to-travel',
            'Dr. Ionescu: insulin-dependent diabetes, fit with escort',
            { kind: 'medical', givenName: 'Ana', familyName: 'Pop' },
            [
              'Fit to travel confirmed on 2026-11-20',
              'Flights chosen: RO201 OTP-IST 2026-12-01T06:00:00Z, with an escort',
              'Reintegration plan recorded: medical-care 800.00, basic-goods 200.00; total 1000.00 EUR',
            ],
            ['medical-care', 'basic-goods'],
          ]
        : [
            'restricted',
            'restricted',
            { kind: 'restricted', givenName: 'restricted', familyName: 'restricted' },
            [
              'A travel check recorded (restricted)',
              'Flights chosen: RO201 OTP-IST 2026-12-01T06:00:00Z',
              'Reintegration plan recorded: restricted 800.00, basic-goods 200.00; total 1000.00 EUR',
            ],
            ['restricted', 'basic-goods'],
          ],
      documentNumber: sees('documentNumber')
        ? ['*****5678', 'passport *****5678 recorded, valid until 2031-01-01']
        : ['restricted', 'passport (number restricted) recorded, valid until 2031-01-01'],
      voucherCode: sees('voucherCode') ? 'VCH-SECRET-7731' : 'restricted',
      planDetails: sees('planDetails')
        ? ['Insulin for a year', 'A fridge for the insulin']
        : ['restricted', 'restricted'],
    });
    const text = JSON.stringify(body);
    if (!sees('protectionNeeds')) expect(text).not.toMatch(/trafficking/);
    if (!sees('healthDetails')) expect(text).not.toMatch(/diabetes|medical|fit-to-travel|Fit to travel|with an escort/);
    if (!sees('voucherCode')) expect(text).not.toContain('VCH-SECRET');
    if (!sees('documentNumber')) expect(text).not.toContain('5678');
    if (!sees('planDetails')) expect(text).not.toContain('Insulin');
  });

  it('keeps the details from finance officers, monitors and auditors, and shows them to case workers', () => {
    for (const roles of Object.values(FIELD_ACCESS)) {
      expect([...roles].sort()).toEqual(['case-worker', 'supervisor']);
    }
  });
});
