import { Client as PgClient } from 'pg';
import { startReturnBody } from './support/fixtures';
import { apiClient, newCaseRef } from './support/http';
import { startApi, type RunningApi } from './support/running-apps';
import { signedInStaff } from './support/staff';
import { testStack } from './support/test-env';

/** The findings of the bad-input review, each kept closed: codes in any case, text that hides, dates out of range. */
describe('the input contract', () => {
  let api: RunningApi;
  let http: ReturnType<typeof apiClient>;
  let db: PgClient;

  beforeAll(async () => {
    api = await startApi();
    http = apiClient(api.url, (await signedInStaff(api.url, ['case-worker'])).token);
    db = new PgClient({ connectionString: testStack().databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await api?.close();
  });

  it('refuses a closed destination written in lower case, as in upper case', async () => {
    for (const country of ['SY', 'sy', 'Sy']) {
      const caseRef = newCaseRef('CLOSED');
      const refused = await http.post('/returns', startReturnBody(caseRef, { destination: { country, city: 'Homs' } }));
      expect([country, refused.status, refused.body.message]).toEqual([country, 422, [expect.stringContaining('SY')]]);
      const { rows } = await db.query('SELECT destination_country, outcome FROM return_cases WHERE case_ref = $1', [
        caseRef,
      ]);
      expect(rows).toEqual([{ destination_country: 'SY', outcome: 'ineligible' }]);
    }
  });

  it('stores country codes upper-cased, and refuses codes that are not on the ISO 3166 list', async () => {
    const caseRef = newCaseRef('LOWER');
    const started = await http.post(
      '/returns',
      startReturnBody(caseRef, {
        hostCountry: 'ro',
        destination: { country: 'pk', city: 'Lahore' },
        hasValidTravelDocument: true,
      }),
    );
    expect([started.status, started.body.hostCountry, started.body.destinationCountry]).toEqual([201, 'RO', 'PK']);

    const unknown = await http.post('/returns', startReturnBody(newCaseRef('XX'), { hostCountry: 'XX' }));
    expect([unknown.status, unknown.body.message]).toEqual([
      400,
      ['hostCountry must be an ISO 3166-1 alpha-2 country code such as PK'],
    ]);
    const home = newCaseRef('HOME');
    const stays = await http.post('/returns', startReturnBody(home, { hostCountry: 'pk' }));
    expect([stays.status, stays.body.message]).toEqual([
      400,
      ['hostCountry must differ from destination.country: a return goes to another country'],
    ]);
    expect((await http.get(`/returns/${home}`)).status).toBe(404);
  });

  it('refuses a list naming a value twice, in words', async () => {
    const twice = { vulnerabilities: ['medical-need', 'medical-need'] };
    const answer = await http.post('/returns', startReturnBody(newCaseRef('TWICE'), twice));
    expect([answer.status, answer.body.message]).toEqual([400, ['vulnerabilities must not list a value twice']]);
  });

  it.each([
    ['a list that is an object', { dependants: {} }, 'dependants must be a list'],
    ['a list of numbers', { dependants: [1] }, 'dependants must each be an object'],
    ['an object that is a text', { returnee: 'Amina Khan' }, 'returnee must be an object'],
    ['an object that is null', { destination: null }, 'destination is required'],
  ])('refuses %s for its shape alone, not for the rules of what it should hold', async (_, fields, message) => {
    const answer = await http.post('/returns', startReturnBody(newCaseRef('SHAPE'), fields));
    expect([answer.status, answer.body.message]).toEqual([400, [message]]);
  });

  it.each([
    ['a line break', 'Amina\r\nBcc: someone@example.org'],
    ['only spaces', '   '],
    ['only zero-width spaces', '\u200b\u200b'],
    ['a right-to-left override', 'Amina\u202e'],
    ['only a Hangul filler', '\u3164'],
    ['only a blank Braille pattern', '\u2800'],
    ['a soft hyphen inside', 'A\u00adli'],
    ['half a character (a lone surrogate)', 'Ali\ud800'],
    ['a tag character (hidden text)', 'A\u{E0041}mina'],
    ['an interlinear annotation', 'Ami\uFFF9na'],
    ['a variation selector', 'Amina\uFE0F'],
    ['a private-use character', 'Amina\uE000'],
    ['a musical format character', 'Amina\u{1D173}'],
  ])('refuses a name with %s, and stores nothing', async (_what, givenName) => {
    const caseRef = newCaseRef('NAME');
    const refused = await http.post(
      '/returns',
      startReturnBody(caseRef, { returnee: { ...startReturnBody(caseRef).returnee, givenName } }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.message).toEqual([expect.stringMatching(/^returnee\.givenName must be one line of text/)]);
    expect((await db.query('SELECT 1 FROM return_cases WHERE case_ref = $1', [caseRef])).rows).toEqual([]);
  });

  it('refuses a birth date in 1800 or in month 13, a NUL byte and JSON nested thousands deep, with 400 and never 500', async () => {
    const caseRef = newCaseRef('OLD');
    const old = await http.post(
      '/returns',
      startReturnBody(caseRef, { returnee: { ...startReturnBody(caseRef).returnee, dateOfBirth: '1800-01-01' } }),
    );
    expect([old.status, old.body.message]).toEqual([
      400,
      ['returnee.dateOfBirth must be a date (YYYY-MM-DD) not in the future and at most 130 years ago'],
    ]);
    for (const dateOfBirth of ['1983-13-19', '1983-00-19']) {
      const mistyped = await http.post(
        '/returns',
        startReturnBody(caseRef, { returnee: { ...startReturnBody(caseRef).returnee, dateOfBirth } }),
      );
      expect([mistyped.status, mistyped.body.message]).toEqual([
        400,
        ['returnee.dateOfBirth must be a date (YYYY-MM-DD) not in the future and at most 130 years ago'],
      ]);
    }

    const nul = await apiClient(api.url).post('/auth/login', { username: 'admin', password: 'pass\u0000word' });
    expect([nul.status, nul.body.message]).toEqual([400, ['password must not contain a NUL character']]);
    const inPath = await http.get('/returns/RO-%00-1');
    expect([inPath.status, inPath.body.message]).toEqual([400, ['path must not contain a NUL character']]);
    const twice = await http.get('/returns?programme=A&programme=B');
    expect([twice.status, twice.body.message]).toEqual([400, ['programme must be given once, as one value']]);

    const deep = await fetch(`${api.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`,
    });
    expect([deep.status, ((await deep.json()) as { message: string[] }).message]).toEqual([
      400,
      [expect.stringMatching(/^a\.a\.a.* is nested deeper than 12 levels$/)],
    ]);
  });

  it.each([
    ['the names', (ref: string) => `KHAN-AMINA-${ref}`],
    ['a long name within a word', (ref: string) => `${ref}-AMINAK`],
    ["a dependant's name", (ref: string) => `${ref}-ZAHRA`],
    ['the birth date', (ref: string) => `${ref}-1990-04-12`],
    ['the birth date, day first without dashes', (ref: string) => `${ref}-12041990`],
    ['the birth date with a two-digit year', (ref: string) => `${ref}-900412`],
    ['the birth date, day first with a two-digit year', (ref: string) => `120490-${ref}`],
    ['the birth date split at other places', (ref: string) => `${ref}-1990-0412`],
    ['the name split by dashes', (ref: string) => `K-H-A-N-${ref}`],
    ['the birth date, month first', (ref: string) => `${ref}-04-12-1990`],
    ["a dependant's birth date, month first without dashes", (ref: string) => `RO-01052016-${ref}`],
    ['a name written in another script', (ref: string) => `PETROV-${ref}`],
    ['a name with its umlaut spelled out', (ref: string) => `${ref}-MUELLER`],
    ['a name spelled otherwise', (ref: string) => `MOHAMMED-${ref}`],
    ['a name spelled otherwise, without its H', (ref: string) => `${ref}-ZARGUNA`],
    ['a name spelled otherwise, K for Q', (ref: string) => `KASIMKHEL-${ref}`],
    ['a two-letter name', (ref: string) => `LI-${ref}`],
    ['a name written without its vowels (Arabic)', (ref: string) => `${ref}-YOUSSEF`],
    ['a name of two Arabic words', (ref: string) => `ABDULLAH-${ref}`],
    ['a Georgian name', (ref: string) => `GIORGI-${ref}`],
    ['a name with digits for the letters they look like', (ref: string) => `${ref}-BER1DZE`],
    ['a name with digits for letters, 1 for I', (ref: string) => `G10RG1-${ref}`],
    ['a birth date without leading zeros and with a two-digit year', (ref: string) => `GE-7-3-18-${ref}`],
    ['a birth date with the month as a passport writes it', (ref: string) => `${ref}-12APR1990`],
    ['a birth date with the month named, in words', (ref: string) => `RO-APRIL-12-90-${ref}`],
    ['a birth date with the month in Roman numerals', (ref: string) => `RO-12-IV-1990-${ref}`],
  ])('refuses a case reference that spells %s of the persons it opens, and stores nothing', async (_, spelled) => {
    const caseRef = spelled(newCaseRef('PII'));
    const body = startReturnBody(caseRef);
    const dependants = [
      { givenName: 'Zahra', familyName: 'Khan', dateOfBirth: '2015-03-01', nationality: 'PK' },
      { givenName: 'Иван', familyName: 'Петров', dateOfBirth: '2012-07-09', nationality: 'PK' },
      { givenName: 'Mohamed', familyName: 'Li-Müller', dateOfBirth: '2016-01-05', nationality: 'PK' },
      { givenName: 'يوسف', familyName: 'عبد الله', dateOfBirth: '2017-02-06', nationality: 'PK' },
      { givenName: 'გიორგი', familyName: 'Beridze', dateOfBirth: '2018-03-07', nationality: 'GE' },
      { givenName: 'Zarghuna', familyName: 'Qasimkhel', dateOfBirth: '2019-04-08', nationality: 'AF' },
    ];
    const refused = await http.post('/returns', { ...body, dependants });
    expect([refused.status, refused.body.message]).toEqual([
      400,
      [
        'caseRef must not contain a name or birth date of the persons it opens: it goes into workflow ids, logs and e-mails',
      ],
    ]);
    expect((await db.query('SELECT 1 FROM return_cases WHERE case_ref = $1', [caseRef])).rows).toEqual([]);
  });

  it('keeps the zero-width joiners that Persian and Indic names need', async () => {
    const caseRef = newCaseRef('JOINER');
    const returnee = {
      givenName: 'مهرانگیز',
      familyName: 'می\u200cخواه',
      dateOfBirth: '1988-05-17',
      nationality: 'IR',
    };
    expect((await http.post('/returns', { ...startReturnBody(caseRef), returnee })).status).toBe(201);
  });

  it('opens a case for persons named in another script under a reference that names none of them', async () => {
    const caseRef = newCaseRef('ARABIC');
    const returnee = { givenName: 'يوسف', familyName: 'عبد الله', dateOfBirth: '1988-05-17', nationality: 'SY' };
    const dependant = { givenName: 'Иван', familyName: 'Петров', dateOfBirth: '2012-07-09', nationality: 'RU' };
    const opened = await http.post('/returns', { ...startReturnBody(caseRef), returnee, dependants: [dependant] });
    expect(opened.status).toBe(201);
  });

  it("refuses properties named after an object's internals, as any unknown field, and records nothing", async () => {
    const caseRef = newCaseRef('PROTO');
    const body = JSON.stringify(startReturnBody(caseRef));
    for (const [raw, property] of [
      [body.replace(/^\{/, '{"__proto__":{"isAdmin":true},'), '__proto__'],
      [body.replace('"returnee":{', '"returnee":{"constructor":{"prototype":{"x":1}},'), 'returnee.constructor'],
    ]) {
      const sent = await http.call('POST', '/returns', raw, { 'content-type': 'application/json' });
      expect([sent.status, sent.body.message]).toEqual([400, [`property ${property} should not exist`]]);
    }
    expect((await http.get(`/returns/${caseRef}`)).status).toBe(404);
  });

  it('answers a body that is not JSON with 415', async () => {
    const staffId = (await signedInStaff(api.url, ['monitor'])).id;
    const admin = await signedInStaff(api.url, ['administrator']);
    const answer = await fetch(`${api.url}/staff/${staffId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${admin.token}` },
      body: 'active=false',
    });
    expect(answer.status).toBe(415);
    const empty = await apiClient(api.url, admin.token).call('PATCH', `/staff/${staffId}`);
    expect([empty.status, empty.body.message]).toEqual([
      400,
      ['body must name at least one change: displayName, roles, programmes, password, active'],
    ]);
  });
});
