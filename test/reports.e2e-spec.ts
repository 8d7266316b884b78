import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { dataSourceOptions, projectExistingCases } from '@avrr/persistence';
import { bringHome, caseWhere } from './support/bring-home';
import { eventually } from './support/eventually';
import { insertCase, SIGNED_DECLARATION, startReturnBody } from './support/fixtures';
import { generateHistory, historyCsv, type HistoryRow } from './support/history-generator';
import { apiClient, newCaseRef } from './support/http';
import { publishProgramme } from './support/programmes';
import { runningReturnsStack } from './support/running-apps';
import { signedInStaff } from './support/staff';
import { testStack } from './support/test-env';
import { expectedFigures, type CountedCase } from './support/expected-figures';

type Http = ReturnType<typeof apiClient>;
const today = new Date().toISOString().slice(0, 10);
const YEARS = Array.from({ length: Number(today.slice(0, 4)) - 2014 }, (_, i) => String(2015 + i));

/**
 * A programme's figures: its history imported from a file shaped like the seed's programme, plus cases run through
 * the API (refused, withdrawn, monitored), give back exactly what the generator's rows say, per year and in total.
 */
describe('programme figures', () => {
  const stack = runningReturnsStack();
  let caseWorker: Http;
  let supervisor: Http;
  let admin: Http;
  let auditor: Http;
  let adminToken: string;
  let auditorToken: string;
  let programme: string;
  let history: HistoryRow[];
  let file: string;
  const live: CountedCase[] = [];

  beforeAll(async () => {
    const { api } = stack;
    caseWorker = apiClient(api.url, (await signedInStaff(api.url, ['case-worker'])).token);
    supervisor = apiClient(api.url, (await signedInStaff(api.url, ['supervisor'])).token);
    adminToken = (await signedInStaff(api.url, ['administrator'])).token;
    admin = apiClient(api.url, adminToken);
    auditorToken = (await signedInStaff(api.url, ['auditor'])).token;
    auditor = apiClient(api.url, auditorToken);
    programme = await publishProgramme(
      api.url,
      'FIGURES',
      'A mission in Pakistan only; one follow-up, seconds after arrival',
      (policy) => ({
        ...policy,
        missionCountries: ['PK'],
        reintegration: {
          ...policy.reintegration,
          monitoring: {
            offsets: ['PT3S'],
            visit: { dueAfter: 'PT60S', reminderEvery: 'PT60S', escalateAfter: 'PT120S' },
            missedAfter: 'PT180S',
          },
        },
      }),
    );
    history = generateHistory({ cases: 2400, prefix: `H${process.pid}` });
    file = historyCsv(history, [
      // Refused rows: each names its line and field, and its case is not imported.
      `BAD-1,returnee,male,40,RO,PK,,rejected-asylum-seeker,,2019-02-30,,,,,,declaration-expired,2019-03-30,,`,
      `BAD-2,returnee,female,30,RO,PK,,tourist,,2019-02-01,,,,,,declaration-expired,2019-03-30,,`,
      `BAD-3,returnee,female,30,RO,PK,,stranded-migrant,,2019-02-01,,,,,,declaration-expired,2019-03-30,,`,
      `BAD-3,dependant,male,3,RO,NG,,stranded-migrant,,2019-02-01,,,,,,declaration-expired,2019-03-30,,`,
      `BAD-4,returnee,male,40,RO,PK,Lahore,stranded-migrant,,2019-02-01,,2019-02-05,2019-02-10,2019-02-20,2019-02-21,returned,2019-03-01,100,ZZZ`,
    ]);
  });

  /** The body as sent, byte-order mark included (a Response's text() drops it). */
  const bytes = async (token: string, path: string) => {
    const response = await fetch(`${stack.api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
  };
  const post = (http: Http, caseRef: string, step: string, body: unknown = {}) =>
    http.post(`/returns/${caseRef}/${step}`, body);
  const returnee = (sex: string) => ({
    givenName: 'Amina',
    familyName: 'Khan',
    dateOfBirth: '1990-04-12',
    nationality: 'PK',
    sex,
  });
  const liveCase = (caseRef: string, sex: string, overrides: Partial<CountedCase>): CountedCase => ({
    caseRef,
    hostCountry: 'RO',
    destinationCountry: 'PK',
    targetGroup: 'rejected-asylum-seeker',
    vulnerabilities: [],
    people: [{ sex, ageAtIntake: Number(today.slice(0, 4)) - 1990 - (today.slice(5) < '04-12' ? 1 : 0) }],
    openedOn: today,
    refusalReason: null,
    declaredOn: null,
    bookedOn: null,
    departedOn: null,
    arrivedOn: null,
    outcome: 'returned',
    closedOn: today,
    allowances: [],
    visits: [],
    ...overrides,
  });

  it('imports the history row by row: refused rows by line and field, the rest as closed cases', async () => {
    const template = await bytes(adminToken, '/reports/imports/template.csv');
    expect(template.startsWith('\uFEFFcaseRef,role,sex,ageAtIntake,')).toBe(true);

    const imported = await importFile(admin, programme, file);
    expect(imported.status).toBe(200);
    const lines = history.length + 1;
    expect(imported.body).toEqual({
      programme,
      imported: new Set(history.map((r) => r.caseRef)).size,
      unchanged: 0,
      refused: [
        { line: lines + 1, field: 'openedOn', rule: 'must be a date (YYYY-MM-DD) from 1900-01-01, not in the future' },
        {
          line: lines + 2,
          field: 'targetGroup',
          rule: expect.stringMatching(/^must be one of: rejected-asylum-seeker/),
        },
        { line: lines + 3, field: 'caseRef', rule: 'another row of case BAD-3 was refused' },
        { line: lines + 4, field: 'destinationCountry', rule: `must equal line ${lines + 3}, the case's first row` },
        { line: lines + 5, field: 'allowanceCurrency', rule: 'must be an ISO 4217 currency code such as EUR' },
      ],
    });
    // An imported case is closed, with no workflow.
    const one = await supervisor.get(`/returns/${history[0].caseRef}`);
    expect(one.body).toMatchObject({
      stage: 'closed',
      outcome: history[0].outcome,
      workflow: null,
      hostCountry: history[0].hostCountry,
      destinationCountry: history[0].destinationCountry,
    });
  }, 60_000);

  it('counts a refused, a withdrawn and a monitored case run through the API', async () => {
    const refusedRef = newCaseRef('FIG-REFUSED');
    const refused = await caseWorker.post('/returns', {
      ...startReturnBody(refusedRef, { programmeCode: programme, returnee: returnee('male') }),
      destination: { country: 'SY', city: 'Aleppo' },
    });
    expect(refused.status).toBe(422);
    live.push(
      liveCase(refusedRef, 'male', {
        destinationCountry: 'SY',
        refusalReason: refused.body.message[0],
        outcome: 'ineligible',
      }),
    );

    const withdrawnRef = newCaseRef('FIG-WITHDRAWN');
    const body = startReturnBody(withdrawnRef, {
      programmeCode: programme,
      hasValidTravelDocument: true,
      returnee: returnee('female'),
    });
    expect((await caseWorker.post('/returns', body)).status).toBe(201);
    await caseWhere(caseWorker, withdrawnRef, (b) => Boolean(b.waitingFor));
    expect((await post(caseWorker, withdrawnRef, 'declaration', { signedOn: today })).status).toBe(200);
    await caseWhere(caseWorker, withdrawnRef, (b) => b.waitingFor?.what === 'flights chosen by the case worker');
    expect((await post(caseWorker, withdrawnRef, 'withdrawal')).status).toBe(200);
    await caseWhere(caseWorker, withdrawnRef, (b) => b.outcome === 'withdrawn' && b.workflow.status === 'COMPLETED');
    live.push(liveCase(withdrawnRef, 'female', { declaredOn: today, outcome: 'withdrawn' }));

    const monitoredRef = newCaseRef('FIG-MONITORED');
    const home = await bringHome(
      caseWorker,
      monitoredRef,
      { programmeCode: programme, destination: { country: 'NG', city: 'Benin City' }, returnee: returnee('female') },
      'LOS',
    );
    expect(home.stage).toBe('monitoring');
    // The visit is recorded once its follow-up's date has come.
    await caseWhere(
      caseWorker,
      monitoredRef,
      (b) =>
        b.waitingFor?.what === 'monitoring visit 1 of 1 from the mission' &&
        Date.parse(b.waitingFor.since) <= Date.now(),
    );
    const answers = { income: 5, debt: 3, housing: 4, services: 2, wellbeing: 10 };
    const visit = await post(caseWorker, monitoredRef, 'monitoring-visits', { followUp: 1, visitedOn: today, answers });
    expect(visit.status).toBe(200);
    await caseWhere(caseWorker, monitoredRef, (b) => b.waitingFor?.what === 'closure by a supervisor');
    expect((await post(supervisor, monitoredRef, 'closure', { outcome: 'completed' })).status).toBe(200);
    await caseWhere(caseWorker, monitoredRef, (b) => b.outcome === 'completed' && b.workflow.status === 'COMPLETED');
    live.push(
      liveCase(monitoredRef, 'female', {
        destinationCountry: 'NG',
        declaredOn: SIGNED_DECLARATION.signedOn,
        departedOn: today,
        arrivedOn: today,
        outcome: 'completed',
        allowances: [{ person: 0, amount: 100, currency: 'USD' }],
        // By hand from the test survey: economic (2*4/4 + 1*2/4)/3, social (3/4 + 1/4)/2, psychosocial 10/10.
        visits: [
          { on: today, done: true, scores: { economic: 0.8333, social: 0.5, psychosocial: 1, composite: 0.7833 } },
        ],
      }),
    );
  }, 120_000);

  it('gives back the figures computed from the generator and the live cases, per year and in total', async () => {
    const expected = expectedFigures([...fromHistory(history), ...live], YEARS, 5);
    const report = await supervisor.get(`/reports/summary?programme=${programme}&from=2015&to=${YEARS.at(-1)}`);
    expect(report.status).toBe(200);
    expect(report.body.figures.counselled.total).toBeGreaterThan(2500);
    expect(report.body.figures.departed.total).toBeGreaterThan(300);
    expect(report.body.figures.allowances.total).toBeGreaterThan(100);
    for (const [metric, figure] of Object.entries(expected.figures)) {
      const got = report.body.figures[metric];
      expect({ metric, total: got.total, byPeriod: got.byPeriod }).toEqual({ metric, ...figure.counts });
      expect({ metric, breakdowns: got.breakdowns }).toEqual({ metric, breakdowns: figure.breakdowns });
      if (figure.details) expect({ metric, details: got.details }).toEqual({ metric, details: figure.details });
      if (figure.amounts) expect({ metric, amounts: got.amounts }).toEqual({ metric, amounts: figure.amounts });
    }
    expect(report.body.scores).toEqual(expected.scores);
    expect(report.body.stageDays).toEqual(expected.stageDays);
    // Small cells are suppressed, never shown: at least one here, and none with a count under the threshold.
    const cells = Object.values(report.body.figures).flatMap((f: any) =>
      Object.values(f.breakdowns).flatMap((b: any) => Object.values(b)),
    );
    expect(cells).toContain(null);
    expect(cells.filter((c) => typeof c === 'number' && c > 0 && c < 5)).toEqual([]);

    // The CSV export: UTF-8 with a BOM, and its years sum to the totals.
    const csv = await auditor.get(`/reports/summary.csv?programme=${programme}&from=2015&to=${YEARS.at(-1)}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect((await bytes(auditorToken, `/reports/summary.csv?programme=${programme}`)).charCodeAt(0)).toBe(0xfeff);
    const rows: Record<string, string>[] = parse(csv.body, { bom: true, columns: true });
    for (const [metric, figure] of Object.entries(expected.figures)) {
      const ofMetric = rows.filter((r) => r.figure === metric);
      const byYear = ofMetric.filter((r) => r.breakdown === 'year').reduce((n, r) => n + Number(r.count), 0);
      expect({ metric, total: Number(ofMetric.find((r) => r.breakdown === 'total')!.count), byYear }).toEqual({
        metric,
        total: figure.counts.total,
        byYear: figure.counts.total,
      });
    }
    const usd = rows.find((r) => r.figure === 'allowances' && r.breakdown === 'currency' && r.value === 'USD')!;
    expect(Number(usd.amount)).toBe(expected.figures.allowances.amounts!.USD.amount);
  }, 30_000);

  it('lists the cases behind the figures without names, and a repeated import changes nothing', async () => {
    const cases = await supervisor.get(`/reports/cases.csv?programme=${programme}&from=2015&to=${YEARS.at(-1)}`);
    expect(cases.status).toBe(200);
    const rows: Record<string, string>[] = parse(cases.body, { bom: true, columns: true });
    expect(rows).toHaveLength(new Set(history.map((r) => r.caseRef)).size + live.length);
    expect(cases.body).not.toContain('Amina');
    expect(cases.body).not.toContain('1990-04-12');
    const monitored = rows.find((r) => r.caseRef === live[2].caseRef)!;
    expect(monitored).toMatchObject({ source: 'live', outcome: 'completed', returneeSex: 'female', allowances: '1' });
    expect(rows.filter((r) => r.targetGroup !== 'restricted')).not.toHaveLength(0);
    // An auditor reads the same cases with their protection needs masked, as in the case itself.
    const audited = await auditor.get(`/reports/cases.csv?programme=${programme}&from=2015&to=${YEARS.at(-1)}`);
    const auditedRows: Record<string, string>[] = parse(audited.body, { bom: true, columns: true });
    expect(auditedRows.map((r) => r.caseRef)).toEqual(rows.map((r) => r.caseRef));
    expect(new Set(auditedRows.flatMap((r) => [r.targetGroup, r.vulnerabilities]))).toEqual(new Set(['restricted']));

    const before = await supervisor.get(`/reports/summary?programme=${programme}&from=2015&to=${YEARS.at(-1)}`);
    const again = await importFile(admin, programme, file);
    expect(again.body).toMatchObject({ imported: 0, unchanged: new Set(history.map((r) => r.caseRef)).size });
    // The same case from different rows, or a case of the product, is refused: nothing is overwritten.
    const changed = historyCsv([{ ...history[0], closedOn: '2025-06-30' }]);
    expect((await importFile(admin, programme, changed)).body).toMatchObject({
      imported: 0,
      refused: [{ line: 2, field: 'caseRef', rule: 'was imported before from different rows' }],
    });
    const liveRow = historyCsv([{ ...history[0], caseRef: live[1].caseRef, role: 'returnee' }]);
    expect((await importFile(admin, programme, liveRow)).body).toMatchObject({
      imported: 0,
      refused: [{ line: 2, field: 'caseRef', rule: 'is a case already in the product' }],
    });
    const after = await supervisor.get(`/reports/summary?programme=${programme}&from=2015&to=${YEARS.at(-1)}`);
    expect(after.body).toEqual(before.body);
  }, 60_000);

  it('counts the cases recorded before the projection once they are projected, and only once', async () => {
    const dataSource = await new DataSource({
      ...dataSourceOptions(testStack().databaseUrl),
      logging: false,
    }).initialize();
    try {
      const summary = () => supervisor.get(`/reports/summary?programme=${programme}&from=2015&to=${YEARS.at(-1)}`);
      const before = (await summary()).body.figures.counselled;
      const caseRef = await insertCase(dataSource, { programmeCode: programme });
      expect((await summary()).body.figures.counselled.total).toBe(before.total);
      expect(await projectExistingCases(dataSource)).toBeGreaterThanOrEqual(1);
      await projectExistingCases(dataSource);
      // A remembered report is read again once the API is told the tallies changed: within moments of the commit.
      const after = await eventually(async () => {
        const counselled = (await summary()).body.figures.counselled;
        return counselled.total === before.total ? undefined : counselled;
      });
      expect(after.total).toBe(before.total + 2);
      expect(after.byPeriod[today.slice(0, 4)]).toBe(before.byPeriod[today.slice(0, 4)] + 2);
      expect((await supervisor.get(`/returns/${caseRef}`)).status).toBe(200);
    } finally {
      await dataSource.destroy();
    }
  });

  it('keeps the figures to the programmes a grant covers, and to the roles that read them', async () => {
    const elsewhere = apiClient(
      stack.api.url,
      (await signedInStaff(stack.api.url, ['supervisor'], { programmes: ['OTHER'] })).token,
    );
    expect((await elsewhere.get(`/reports/summary?programme=${programme}`)).status).toBe(403);
    const all = await elsewhere.get('/reports/summary?from=2015');
    expect(all.body.figures.counselled.total).toBe(0);
    expect((await caseWorker.get(`/reports/summary?programme=${programme}`)).status).toBe(403);
    const noColumns = await importFile(admin, programme, 'caseRef,role\nX-1,returnee\n');
    expect(noColumns.status).toBe(400);
    expect(noColumns.body.message[0]).toMatch(/^file lacks the column\(s\) sex, ageAtIntake, /);
    const json = await admin.post(`/reports/imports?programme=${programme}`, { rows: [] });
    expect([json.status, json.body.message]).toEqual([400, ['body must be the CSV file, sent as text/csv']]);
    const wrong = await supervisor.get(`/reports/summary?programme=${programme}&from=2019-13`);
    const rule = 'must be a month (YYYY-MM) or a year (YYYY), from 1900 to 2199';
    expect([wrong.status, wrong.body.message]).toEqual([400, [`from ${rule}`]]);
    // A report's answer grows with its period: one that no one could read is refused, for JSON and CSV alike.
    for (const path of ['/reports/summary', '/reports/summary.csv', '/reports/cases.csv']) {
      const ancient = await supervisor.get(`${path}?from=1000&to=9999&granularity=month`);
      expect([ancient.status, ancient.body.message]).toEqual([400, [`from ${rule}`, `to ${rule}`]]);
      const decades = await supervisor.get(`${path}?from=2000&to=2199&granularity=month`);
      // An error is JSON, not a CSV file to save, whatever the route answers when it succeeds.
      expect([decades.headers.get('content-type'), decades.headers.get('content-disposition')]).toEqual([
        'application/json; charset=utf-8',
        null,
      ]);
      expect([decades.status, decades.body.message]).toEqual([
        400,
        ['to must be within 120 months of from (2000-01) by month'],
      ]);
    }
    const unknown = await supervisor.get('/reports/summary?programme=NO-SUCH-PROGRAMME');
    expect([unknown.status, unknown.body.message]).toEqual([
      400,
      ['programme names no programme: "NO-SUCH-PROGRAMME"'],
    ]);
    const centuries = await supervisor.get(`/reports/summary?programme=${programme}&from=1900&to=2199`);
    expect([centuries.status, Object.keys(centuries.body.figures.departed.byPeriod)]).toEqual([
      200,
      expect.arrayContaining(['1900', '2199']),
    ]);
  });

  it('writes text that starts like a formula so that a spreadsheet shows it as text, never runs it', async () => {
    const sheet = await publishProgramme(stack.api.url, 'FORMULAS', 'Text opened in a spreadsheet', (policy) => policy);
    const refusals = ['=HYPERLINK("http://evil.example","refused")', "+cmd|'/C calc'!A0", '@SUM(1+1)', '-2+3'];
    const lines = refusals.map(
      (reason, n) =>
        `FX${process.pid}-${n},returnee,male,30,RO,PK,"${reason.replace(/"/g, '""')}",rejected-asylum-seeker,,` +
        `2024-01-10,"${reason.replace(/"/g, '""')}",,,,,ineligible,2024-01-11,,`,
    );
    expect((await importFile(admin, sheet, historyCsv([], lines))).body).toMatchObject({ imported: 4, refused: [] });

    const cases = await supervisor.get(`/reports/cases.csv?programme=${sheet}&from=2024&to=2024`);
    const rows: Record<string, string>[] = parse(cases.body, { bom: true, columns: true });
    expect(rows.map((r) => r.refusalReason).sort()).toEqual(refusals.map((reason) => `'${reason}`).sort());
    expect(rows.map((r) => r.people)).toEqual(['1', '1', '1', '1']);
    const summary = await supervisor.get(`/reports/summary.csv?programme=${sheet}&from=2024&to=2024`);
    const cells = (parse(summary.body, { bom: true }) as string[][]).flat();
    expect(cells.filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
    expect(cells).toContain(`'${refusals[0]}`);
  });

  it('refuses imported text and dates the API would refuse: line breaks, hidden characters, days before 1900', async () => {
    const sheet = await publishProgramme(stack.api.url, 'HIDDEN', 'Text that hides', (policy) => policy);
    const row = (n: number, city: string, reason: string, openedOn = '2024-01-10') =>
      `HX${process.pid}-${n},returnee,male,30,RO,PK,"${city}",rejected-asylum-seeker,,${openedOn},"${reason}",,,,,ineligible,2024-01-11,,`;
    const answer = await importFile(
      admin,
      sheet,
      historyCsv(
        [],
        [
          row(1, 'Lahore\n=1+2', 'refused'),
          row(2, 'Lahore', 'refused \u202egnp.exe'),
          row(3, 'Lahore', 'refused', '1899-12-31'),
        ],
      ),
    );
    const single = 'must be one line of text of at most';
    expect(answer.body.imported).toBe(0);
    // The first row's quoted city spans lines 2 and 3 of the file: a row is named by the line it ends on.
    expect(answer.body.refused).toEqual([
      { line: 3, field: 'destinationCity', rule: expect.stringContaining(single) },
      { line: 4, field: 'refusalReason', rule: expect.stringContaining(single) },
      { line: 5, field: 'openedOn', rule: 'must be a date (YYYY-MM-DD) from 1900-01-01, not in the future' },
    ]);
  });
});

function importFile(http: Http, programme: string, csv: string) {
  return http.call('POST', `/reports/imports?programme=${programme}`, csv, { 'content-type': 'text/csv' });
}

/** The generator's rows as cases, without the product's code. */
function fromHistory(rows: HistoryRow[]): CountedCase[] {
  const byCase = new Map<string, HistoryRow[]>();
  for (const row of rows) byCase.set(row.caseRef, [...(byCase.get(row.caseRef) ?? []), row]);
  return [...byCase.values()].map((caseRows) => {
    const [first] = caseRows;
    return {
      caseRef: first.caseRef,
      hostCountry: first.hostCountry,
      destinationCountry: first.destinationCountry,
      targetGroup: first.targetGroup,
      vulnerabilities: first.vulnerabilities ? first.vulnerabilities.split(';') : [],
      people: caseRows.map((r) => ({ sex: r.sex, ageAtIntake: r.ageAtIntake })),
      openedOn: first.openedOn,
      refusalReason: first.refusalReason || null,
      declaredOn: first.declaredOn || null,
      bookedOn: first.bookedOn || null,
      departedOn: first.departedOn || null,
      arrivedOn: first.arrivedOn || null,
      outcome: first.outcome,
      closedOn: first.closedOn,
      allowances: caseRows.flatMap((r, person) =>
        r.allowanceAmount ? [{ person, amount: Number(r.allowanceAmount), currency: r.allowanceCurrency }] : [],
      ),
      visits: [],
    };
  });
}
