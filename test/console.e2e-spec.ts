import type { Browser, Page } from 'playwright-core';
import { bringHome } from './support/bring-home';
import { waitForMail } from './support/caught-mail';
import { buildConsole, seriousViolations, signInToConsole, type ConsolePage } from './support/console-browser';
import { startReturnBody, testPolicy } from './support/fixtures';
import { launchChromium } from './support/headless-chromium';
import { apiClient, newCaseRef } from './support/http';
import { StandInIdentityProvider } from './support/identity-provider';
import { publishProgramme } from './support/programmes';
import { runningReturnsStack, startApi, type RunningApi } from './support/running-apps';
import { signedInStaff } from './support/staff';
import { TEST_CONSULATES, TEST_PROGRAMME } from './support/test-env';

/** A programme whose mission owes the reintegration plan one second after arrival: a late return at once. */
const LATE_PLAN_PROGRAMME = 'TEST-CONSOLE-LATE';
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
/** A datetime-local value, in the browser's (and this process's) time zone. */
const localDateTime = (offsetMs: number) => {
  const at = new Date(Date.now() + offsetMs);
  return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** A history row's columns for a return in 2019: opened in March, departed and arrived in April. */
const RETURNED_IN_2019 = {
  role: 'returnee',
  ageAtIntake: '30',
  hostCountry: 'RO',
  destinationCountry: 'PK',
  targetGroup: 'rejected-asylum-seeker',
  openedOn: '2019-03-04',
  declaredOn: '2019-03-10',
  departedOn: '2019-04-01',
  arrivedOn: '2019-04-02',
  outcome: 'returned',
  closedOn: '2019-04-02',
};

describe('Staff console, in a real browser against the real stack', () => {
  let browser: Browser;
  beforeAll(async () => {
    // The console is built before the stack starts, so the API finds it to serve.
    [browser] = await Promise.all([launchChromium(), buildConsole()]);
  }, 60_000);
  afterAll(() => browser?.close()); // first: the browser's open connections would hold the API's close
  const stack = runningReturnsStack();
  const opened: ConsolePage[] = [];
  afterEach(async () => {
    // Every page the test used rendered without a script error, and the API refused it nothing it did not mean.
    for (const { page, errors, refusals } of opened.splice(0)) {
      await page.goto('about:blank'); // its polling stops
      expect(errors.filter((e) => !/status of 40[04]/.test(e))).toEqual([]);
      expect(
        refusals.filter(
          (r) =>
            !/400 POST .*\/(flights|staff|reintegration-plan|unstick)$|404 DELETE .*\/partners\/[0-9a-f-]+$/.test(r),
        ),
      ).toEqual([]);
    }
  });

  const signIn = async (
    ...args: Parameters<typeof signInToConsole> extends [Browser, string, ...infer R] ? R : never
  ) => {
    const console = await signInToConsole(browser, stack.api.url, ...args);
    opened.push(console);
    return console;
  };
  const step = (page: Page, title: string) => page.getByRole('form', { name: title });
  const stageIs = (page: Page, stage: string) =>
    page.getByTestId('stage').filter({ hasText: stage }).waitFor({ timeout: 30_000 });

  it('takes a case worker from opening a case to departure, the consulate e-mailed and a refused step shown at its field', async () => {
    const { page } = await signIn(['case-worker']);
    const caseRef = newCaseRef('UI');

    await page.getByRole('link', { name: 'Open a case' }).click();
    const form = step(page, 'Returnee and return');
    await form.getByLabel('Case reference').fill(caseRef);
    await form.getByLabel('Programme').selectOption(TEST_PROGRAMME);
    await form.getByLabel('Host country').selectOption('RO');
    await form.getByLabel('Destination country').selectOption('PK');
    await form.getByLabel('Destination city').fill('Lahore');
    await form.getByLabel("Returnee's given name").fill('Amina');
    await form.getByLabel("Returnee's family name").fill('Khan');
    await form.getByLabel("Returnee's date of birth").fill('1990-04-12');
    await form.getByLabel("Returnee's nationality").selectOption('PK');
    await form.getByRole('button', { name: 'Add to Dependants' }).click();
    const child = form.getByRole('group', { name: 'Item 1' });
    await child.getByLabel('Given name').fill('Bilal');
    await child.getByLabel('Family name').fill('Khan');
    await child.getByLabel('Date of birth').fill('2016-09-01');
    await child.getByLabel('Nationality').selectOption('PK');
    await form.getByLabel('Target group').selectOption('rejected-asylum-seeker');
    await form.getByLabel('Medical need').check();
    // The programme's answer, before anything is sent.
    await form.getByText('The programme may assist this return.').waitFor();
    await form.getByLabel('Destination country').selectOption('SY');
    await form.getByText('Syria is closed for return under this programme.').waitFor();
    await form.getByLabel('Destination country').selectOption('PK');
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Open the case' }).click();

    await page.getByRole('heading', { level: 1, name: `Return ${caseRef}` }).waitFor();
    await page.getByRole('row', { name: /Dependant Bilal Khan/ }).waitFor();
    const counselling = step(page, 'Counselling session');
    await counselling.getByLabel('Held on').fill(day(-2));
    await counselling.getByLabel('Return process').check();
    await counselling.getByRole('button', { name: 'Record: Counselling session' }).click();
    await page
      .getByRole('listitem')
      .filter({ hasText: /counselling/i })
      .first()
      .waitFor();

    const declaration = step(page, 'Signed declaration');
    await declaration.getByLabel('Signed on').fill(day(0));
    await declaration.getByRole('button', { name: 'Record: Signed declaration' }).click();
    await stageIs(page, 'Travel document');
    // Without a passport, the consulate of the country of origin is asked for a travel document.
    const [request] = await waitForMail(caseRef, (m) => m.to.includes(TEST_CONSULATES.PK.email));
    expect(request.subject).toContain(caseRef);
    expect(await seriousViolations(page)).toEqual([]);

    const document = step(page, 'Travel document');
    await document.getByLabel('Document type').selectOption('laissez-passer');
    await document.getByLabel('Document number').fill('lp98');
    await document.getByRole('button', { name: 'Record: Travel document' }).click();
    // Checked before sending: nothing reached the API.
    await document.getByText('Not in the expected form, such as LP9876543').waitFor();
    await document.getByText('Required').waitFor();
    await document.getByLabel('Document number').fill('LP9876543');
    await document.getByLabel('Expires on').fill('2031-06-30');
    await document.getByRole('button', { name: 'Record: Travel document' }).click();
    await stageIs(page, 'Travel arrangements');
    // The medical need calls for a fit-to-travel confirmation first; its note is the case worker's to read.
    const fitToTravel = step(page, 'Fit to travel');
    await fitToTravel.getByLabel('Done on').fill(day(0));
    await fitToTravel.getByLabel('Note').fill('Dr. Ionescu: fit to fly with a nurse');
    await fitToTravel.getByRole('button', { name: 'Record: Fit to travel' }).click();
    await page.getByTestId('travel-check').filter({ hasText: 'Dr. Ionescu: fit to fly with a nurse' }).waitFor();

    const flights = step(page, 'Flights');
    await flights.getByRole('button', { name: 'Add to Flights' }).waitFor({ timeout: 30_000 });
    await flights.getByRole('button', { name: 'Add to Flights' }).click();
    const leg = (n: number) => flights.getByRole('group', { name: `Item ${n}` });
    await leg(1).getByLabel('Flight').fill('RO201');
    await leg(1).getByLabel('From').fill('OTP');
    await leg(1).getByLabel('To').fill('IST');
    // A time is typed on the browser's clock, and the label says whose.
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    await leg(1).getByLabel(`Departs at (your time, ${zone})`, { exact: true }).fill(localDateTime(86_400_000));
    await leg(2).getByLabel('Flight').fill('TK710');
    await leg(2).getByLabel('From').fill('DOH'); // the first flight lands in Istanbul
    await leg(2).getByLabel('To').fill('LHE');
    await leg(2).getByLabel('Departs at').fill(localDateTime(90_000_000));
    await flights.getByRole('button', { name: 'Record: Flights' }).click();
    // The API's refusal, in its words, at the field it names.
    const refusal = leg(2).getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe('must be IST, where flight 1 lands');
    expect(await leg(2).getByLabel('From').getAttribute('aria-invalid')).toBe('true');
    await leg(2).getByLabel('From').fill('IST');
    // Corrected, the field no longer says it is refused.
    expect([await refusal.count(), await leg(2).getByLabel('From').getAttribute('aria-invalid')]).toEqual([0, 'false']);
    await flights.getByLabel('Escort', { exact: true }).selectOption('medical');
    await flights.getByLabel("Escort's given name").fill('Ana');
    await flights.getByLabel("Escort's family name").fill('Pop');
    await flights.getByRole('button', { name: 'Record: Flights' }).click();

    await stageIs(page, 'Departure');
    await page.getByText('Medical: Ana Pop').waitFor();
    // The flights as booked, each time with its zone.
    const zoneNow = new Intl.DateTimeFormat('en', { timeZoneName: 'short' })
      .formatToParts(new Date(Date.now() + 86_400_000))
      .find((part) => part.type === 'timeZoneName')!.value;
    const booked = await page.getByRole('region', { name: 'Flights' }).textContent();
    expect(booked).toMatch(new RegExp(`RO201 OTP→IST\\s.+?\\d{1,2}:\\d{2}\\s?[AP]M ${zoneNow}`));
    // Departure ends the right to withdraw: the button does nothing until the box says the travellers left.
    const departure = step(page, 'Departure');
    await departure.getByRole('button', { name: 'Record: Departure' }).click({ timeout: 30_000 });
    await departure.getByText('Required').waitFor();
    expect(await page.getByTestId('stage').textContent()).toContain('Departure');
    await departure.getByLabel('The travellers have left: the returnee can no longer withdraw').check();
    await departure.getByRole('button', { name: 'Record: Departure' }).click();
    await stageIs(page, 'Transit');
    // Steps the stage no longer allows are not offered.
    expect(await step(page, 'Withdrawal').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    // The transit airports offered are those of the booked flights.
    const transit = step(page, 'Transit');
    await transit.getByLabel('Airport').selectOption('IST');
    await transit.getByRole('button', { name: 'Record: Transit' }).click();
    await stageIs(page, 'Arrival');
  }, 180_000);

  it('lets a supervisor find a late return from the list and approve its plan, and a finance officer approve a tranche but not their own', async () => {
    const admin = await signedInStaff(stack.api.url, ['administrator']);
    const plan = { dueAfter: 'PT1S', reminderEvery: 'PT60S', escalateAfter: 'PT120S' };
    const reintegration = testPolicy().reintegration!;
    // One follow-up, asked of the mission a moment after arrival.
    const monitoring = { ...reintegration.monitoring, offsets: ['PT1S'] };
    const policy = testPolicy({ reintegration: { ...reintegration, plan, monitoring } });
    const published = await apiClient(stack.api.url, admin.token).post('/programmes', {
      code: LATE_PLAN_PROGRAMME,
      name: 'Console test: the plan is due at once',
      policy,
    });
    expect(published.body).toEqual(expect.objectContaining({ code: LATE_PLAN_PROGRAMME }));
    const caseWorker = apiClient(stack.api.url, (await signedInStaff(stack.api.url, ['case-worker'])).token);
    const caseRef = newCaseRef('LATE');
    await bringHome(caseWorker, caseRef, { programmeCode: LATE_PLAN_PROGRAMME });

    const { page } = await signIn(['supervisor']);
    // One link says it is the page the user is on: the list, not the late returns' shortcut beside it.
    expect(await page.locator('[aria-current="page"]').allTextContents()).toEqual(['Returns']);
    await page.getByLabel('Late', { exact: true }).selectOption('true');
    await page.getByRole('button', { name: 'Apply' }).click();
    const row = page.getByRole('row').filter({ hasText: caseRef });
    for (let attempt = 0; !(await row.count()); attempt++) {
      // The return turns late in Temporal's visibility a moment after its due date: the supervisor looks again.
      if (attempt === 20) throw new Error(`${caseRef} never showed among the late returns`);
      await page.waitForTimeout(1000);
      await page.getByRole('button', { name: 'Apply' }).click();
    }
    await row.getByText('mission:PK').waitFor();
    await page
      .getByTestId('late-count')
      .filter({ hasText: /^Late returns: [1-9]/ })
      .waitFor({ timeout: 15_000 });
    expect(await seriousViolations(page)).toEqual([]);
    await row.getByRole('link', { name: caseRef }).click();
    await page.getByRole('heading', { level: 1, name: `Return ${caseRef}` }).waitFor();
    // Why it is late: the mission was reminded already.
    await page
      .getByTestId('reminders')
      .filter({ hasText: /^[1-9]/ })
      .waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('waiting-on').textContent()).toBe('Mission (Pakistan)');
    expect(await page.title()).toBe(`Return ${caseRef} – AVRR staff console`);
    // The supervisor unsticks it from the page: a date past is refused at its field, and a reminder sent then does not
    // carry the date left in the form.
    const unstick = step(page, 'Unstick');
    await unstick.getByLabel('Action').selectOption('extend');
    await unstick.getByLabel(/^Until/).fill(localDateTime(-3_600_000));
    await unstick.getByLabel('Reason').fill('The mission asked for more time');
    await unstick.getByRole('button', { name: 'Record: Unstick' }).click();
    await unstick
      .getByRole('alert')
      .filter({ hasText: /from now to a year ahead/ })
      .waitFor();
    await unstick.getByLabel('Action').selectOption('resend');
    await unstick.getByRole('button', { name: 'Record: Unstick' }).click();
    await page
      .locator('ol.timeline li', { hasText: 'Partner asked again now: The mission asked for more time' })
      .waitFor();

    // A plan over the programme's ceiling is refused, and the page says why at the plan's items.
    const over = step(page, 'Reintegration plan');
    await over.getByLabel('Category').selectOption('housing');
    await over.getByLabel('Description').fill('Rent for a year');
    await over.getByLabel('Amount').fill('2500');
    await over.getByRole('button', { name: 'Record: Reintegration plan' }).click();
    await over
      .getByRole('alert')
      .filter({ hasText: /exceeds the programme's ceiling of 2000\.00 EUR/ })
      .waitFor();

    // A case worker records the mission's plan; the supervisor's page follows the return.
    const items = [{ category: 'business-set-up', description: 'Tools for a repair shop', amount: 1500 }];
    expect((await caseWorker.post(`/returns/${caseRef}/reintegration-plan`, { items })).status).toBe(200);
    // Not approved yet, the plan has no budget to show (it read as one spent).
    await step(page, 'Plan approval').waitFor();
    // What the supervisor approves, item by item.
    expect(await page.getByTestId('plan-items').textContent()).toBe(
      'Business set-up: Tools for a repair shop, €1,500.00',
    );
    expect(await page.getByText(/^Remaining budget/).count()).toBe(0);
    expect(await page.getByTestId('approvals').textContent()).toBe('the plan, by a supervisor');
    await step(page, 'Plan approval').getByRole('button', { name: 'Confirm: Plan approval' }).click();
    await page.getByTestId('plan').getByText('Approved.').waitFor();
    // A screen reader hears what was recorded, and focus is on the steps, not lost with the form that went.
    await page.getByRole('status').filter({ hasText: 'Recorded: Plan approval' }).waitFor();
    expect(await page.evaluate('document.activeElement?.id')).toBe('steps');
    await page.getByText(/^Remaining budget/).waitFor();
    // The timeline says who approved it.
    await page
      .locator('ol.timeline li', { hasText: 'Reintegration plan approved' })
      .getByText('(by Test supervisor)')
      .waitFor();

    // Someone who both requests and approves disbursements requests one: not theirs to approve.
    const both = await signIn(['case-worker', 'finance-officer']);
    await both.page.getByLabel('Case reference').fill(caseRef);
    await both.page.getByRole('button', { name: 'Open case' }).click();
    const disbursement = step(both.page, 'Disbursement');
    await disbursement.getByLabel('Method').selectOption('voucher');
    await disbursement.getByLabel('Amount').fill('500');
    await disbursement.getByLabel('Vendor category').fill('tools and equipment');
    await disbursement.getByRole('button', { name: 'Record: Disbursement' }).click();
    const ownTranche = both.page.getByTestId('tranche-1');
    await ownTranche.getByText('You requested this tranche: another finance officer approves it.').waitFor();
    expect(await ownTranche.getByRole('button', { name: 'Confirm: Tranche approval' }).count()).toBe(0);
    expect(await ownTranche.textContent()).toContain('€500.00');
    // The page says the tranche waits on finance, beside the mission's wait.
    expect(await both.page.getByTestId('approvals').textContent()).toBe('tranche 1, by a finance officer');

    const finance = await signIn(['finance-officer']);
    await finance.page.goto(`${stack.api.url}/console/`); // a reload ends the in-memory session
    await finance.page.getByLabel('User name').fill(finance.staff.username);
    await finance.page.getByLabel('Password').fill(finance.staff.password);
    await finance.page.getByRole('button', { name: 'Sign in' }).click();
    await finance.page.getByLabel('Case reference').fill(caseRef);
    await finance.page.getByRole('button', { name: 'Open case' }).click();
    const tranche = finance.page.getByTestId('tranche-1');
    // The case's own steps point to the tranche's, rather than saying there is nothing to do.
    await finance.page.getByText('Nothing else at this stage: the tranches below have steps for you.').waitFor();
    await tranche.getByRole('button', { name: 'Confirm: Tranche approval' }).click();
    await tranche.getByText(/Approved|Paid/).waitFor();
    // Protection needs are not a finance officer's to see: the API masks them, the page says so.
    const targetGroup = finance.page
      .getByText('Target group', { exact: true })
      .locator('xpath=following-sibling::dd[1]');
    expect(await targetGroup.textContent()).toBe('Restricted');
    expect(await both.page.getByText('Rejected asylum seeker').count()).toBe(1);
    // A finance officer records no case step and opens no case.
    expect(await step(finance.page, 'Disbursement').count()).toBe(0);
    expect(await finance.page.getByRole('link', { name: 'Open a case' }).count()).toBe(0);
    expect(await finance.page.getByRole('link', { name: 'Reports' }).count()).toBe(0);
    expect(await seriousViolations(finance.page)).toEqual([]);

    // The monitor records the follow-up visit with the survey of the case's pinned policy.
    const monitor = await signIn(['monitor']);
    await monitor.page.getByLabel('Case reference').fill(caseRef);
    await monitor.page.getByRole('button', { name: 'Open case' }).click();
    const visit = step(monitor.page, 'Monitoring visit');
    await visit.waitFor({ timeout: 30_000 });
    expect(await visit.getByLabel('Follow-up').inputValue()).toBe('1');
    await visit.getByLabel('Visited on').fill(day(0));
    // A question the policy words is shown as asked, with its scale; the others by their ids.
    for (const [question, answer] of Object.entries({ income: 4, debt: 3, housing: 5, services: 4 })) {
      await visit.getByLabel(question, { exact: true }).fill(String(answer));
    }
    await visit.getByLabel('How is your well-being? (0-10)', { exact: true }).fill('7');
    await visit.getByRole('button', { name: 'Record: Monitoring visit' }).click();
    // Recorded: the case no longer waits for it, and the form is gone.
    await visit.waitFor({ state: 'detached', timeout: 20_000 });
    await monitor.page.getByTestId('waiting-for').getByText('closure by a supervisor').waitFor();
    expect(await seriousViolations(monitor.page)).toEqual([]);

    // The supervisor closes the case, once they have ticked that nothing can be recorded on it after.
    const supervisor = await signIn(['supervisor']);
    await supervisor.page.getByLabel('Case reference').fill(caseRef);
    await supervisor.page.getByRole('button', { name: 'Open case' }).click();
    const closure = step(supervisor.page, 'Closure');
    await closure.getByLabel('Outcome').selectOption('completed');
    await closure.getByRole('button', { name: 'Record: Closure' }).click();
    await closure.getByRole('alert').getByText('Required').waitFor();
    await closure.getByLabel('The case closes for good: nothing more can be recorded on it').check();
    await closure.getByRole('button', { name: 'Record: Closure' }).click();
    await supervisor.page.getByTestId('stage').filter({ hasText: 'Closed: Completed' }).waitFor({ timeout: 30_000 });
  }, 180_000);

  it('says how a closed case ended on its page', async () => {
    const caseWorker = apiClient(stack.api.url, (await signedInStaff(stack.api.url, ['case-worker'])).token);
    const caseRef = newCaseRef('ENDED');
    expect((await caseWorker.post('/returns', startReturnBody(caseRef))).status).toBe(201);
    expect((await caseWorker.post(`/returns/${caseRef}/withdrawal`, {})).status).toBe(200);
    const { page } = await signIn(['supervisor']);
    await page.getByLabel('Case reference').fill(caseRef);
    await page.getByRole('button', { name: 'Open case' }).click();
    await page.getByTestId('stage').filter({ hasText: 'Closed: Withdrawn' }).waitFor({ timeout: 30_000 });
  }, 60_000);

  it('renders in French and in Arabic, right to left, with dates and numbers per locale', async () => {
    const caseWorker = await signedInStaff(stack.api.url, ['case-worker']);
    const caseRef = newCaseRef('LANG');
    expect((await apiClient(stack.api.url, caseWorker.token).post('/returns', startReturnBody(caseRef))).status).toBe(
      201,
    );
    // A browser set to French opens the console in French (before a language is chosen on this browser).
    const inFrench = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await inFrench.goto(`${stack.api.url}/console/`);
    await inFrench.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    expect(await inFrench.evaluate('document.documentElement.lang')).toBe('fr');
    await inFrench.goto('about:blank'); // a context closed would close the single-process browser
    const { page } = await signIn(['supervisor']);
    const language = page.locator('label.language select');

    await language.selectOption('fr');
    await page.getByRole('heading', { level: 1, name: 'Retours' }).waitFor();
    // The returnee's birth date (1990-04-12) and the destination, as a French reader writes them.
    await page.getByLabel('Référence du dossier').fill(caseRef);
    await page.getByRole('button', { name: 'Ouvrir le dossier' }).click();
    await page.getByRole('heading', { level: 1, name: `Retour ${caseRef}` }).waitFor();
    await page.getByRole('cell', { name: '12 avr. 1990' }).waitFor();
    await page.getByText('Lahore, Pakistan').waitFor();
    const french = await page.screenshot({ fullPage: true });
    expect(french.subarray(1, 4).toString()).toBe('PNG');
    expect(await page.evaluate('[document.documentElement.lang, document.documentElement.dir]')).toEqual(['fr', 'ltr']);
    expect(await page.getByRole('link', { name: 'Se déconnecter' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await language.selectOption('ar');
    await page.getByRole('heading', { level: 1, name: `حالة العودة ${caseRef}` }).waitFor();
    await page.getByText('Lahore, باكستان').waitFor();
    const born = await page.getByRole('row').filter({ hasText: 'Amina' }).getByRole('cell').nth(3).textContent();
    // Day, month, year, with right-to-left marks (Latin or Arabic-Indic digits, as the browser's ICU has it).
    expect(born).toMatch(/^(12|١٢)\u200f\/(04|٠٤)\u200f\/(1990|١٩٩٠)$/);
    const arabic = await page.screenshot({ fullPage: true });
    expect(arabic.equals(french)).toBe(false);
    expect(await page.evaluate('[document.documentElement.dir, getComputedStyle(document.body).direction]')).toEqual([
      'rtl',
      'rtl',
    ]);
    // Right to left: the heading's text sits at the right of its line.
    const headingAtRight = `(() => {
      const heading = document.querySelector('h1');
      const text = document.createRange();
      text.selectNodeContents(heading);
      const line = heading.getBoundingClientRect();
      return text.getBoundingClientRect().right > line.left + line.width / 2;
    })()`;
    expect(await page.evaluate(headingAtRight)).toBe(true);
    expect(await page.getByText(/حالات متأخرة: [٠-٩0-9]+/).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'حالات العودة' }).click();
    await page.getByRole('heading', { level: 1, name: 'حالات العودة' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // Signed out, the sign-in page says in the page's language what it needs, not the API's English rule.
    await page.getByRole('button', { name: 'تسجيل الخروج' }).click();
    await page.getByRole('button', { name: 'دخول', exact: true }).click();
    expect(await page.getByRole('alert').textContent()).toBe('أدخل اسم المستخدم وكلمة المرور.');
    // The language chosen is kept on this browser: a reload opens the console in Arabic again.
    await page.reload();
    await page.getByRole('button', { name: 'دخول', exact: true }).waitFor();
    expect(await page.evaluate('[document.documentElement.lang, document.documentElement.dir]')).toEqual(['ar', 'rtl']);
    // The single-process test browser shares storage between its contexts: the other tests' users have not chosen.
    await page.evaluate("localStorage.removeItem('avrr.language')");
  }, 120_000);

  it('gives administrators their pages: versions compared, a partner and a staff member added, a taken name refused at its field', async () => {
    const admin = await signedInStaff(stack.api.url, ['administrator']);
    const http = apiClient(stack.api.url, admin.token);
    const code = `TEST-CONSOLE-ADMIN-${process.pid}`;
    expect(
      (await http.post('/programmes', { code, name: 'Console administration', policy: testPolicy() })).status,
    ).toBe(201);
    const revised = testPolicy({ closedDestinations: ['SY', 'AF'] });
    expect((await http.post(`/programmes/${code}/revisions`, { policy: revised })).status).toBe(201);

    const { page } = await signIn(['administrator'], admin);
    for (const [link, heading] of [
      ['Programmes', 'Programmes'],
      ['Partners', 'Partner directory'],
      ['Staff', 'Staff'],
      ['Audit trail', 'Audit trail'],
      ['Reports', 'Reports'],
    ]) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    }
    await page.getByRole('link', { name: 'Programmes', exact: true }).click();
    await page.getByRole('link', { name: code }).click();
    await page.getByRole('heading', { level: 2, name: 'Changes between versions' }).waitFor();
    // v1 against v2: only the closed destinations changed.
    const changed = page
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'closedDestinations.1' }) });
    await changed.getByRole('cell', { name: '"AF"' }).waitFor();
    expect(await page.getByRole('rowheader').allTextContents()).toEqual(['closedDestinations.1']);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Partners', exact: true }).click();
    const partner = step(page, 'Add or replace a partner');
    await partner.getByLabel('Kind').selectOption({ label: 'Consulate' });
    await partner.getByLabel('Place').fill('BT');
    await partner.getByLabel('Name').fill('Consulate of Bhutan');
    await partner.getByLabel('E-mail').fill('consulate.bt@partners.test');
    await partner.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: 'Consulate of Bhutan', exact: true }).waitFor();
    // An agency's code may hold a dash, as the API takes it.
    await partner.getByLabel('Kind').selectOption({ label: 'Travel agency' });
    await partner.getByLabel('Place').fill('BT-AIR');
    await partner.getByLabel('Name').fill('Bhutan Air Travel');
    await partner.getByLabel('E-mail').fill('booking@bt-air.test');
    await partner.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: 'BT-AIR', exact: true }).waitFor();
    // Removed meanwhile by another administrator: the page says why its removal was refused.
    const [bhutan] = (await http.get('/partners?kind=consulate&place=BT')).body as { id: string }[];
    expect((await http.call('DELETE', `/partners/${bhutan.id}`)).status).toBe(204);
    await page.getByRole('button', { name: 'Remove Consulate of Bhutan' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: `no partner ${bhutan.id}` })
      .waitFor();
    await page.getByRole('cell', { name: 'Consulate of Bhutan', exact: true }).waitFor({ state: 'detached' });

    await page.getByRole('link', { name: 'Staff', exact: true }).click();
    const staff = step(page, 'Add a staff member');
    await staff.getByLabel('User name').fill(admin.username);
    await staff.getByLabel('Name', { exact: true }).fill('Maria Popescu');
    await staff.getByLabel('Case worker').check();
    await staff.getByRole('button', { name: 'Save' }).click();
    await staff
      .getByRole('alert')
      .filter({ hasText: `is taken: "${admin.username}"` })
      .waitFor();
    const username = `m.popescu.${process.pid}`;
    await staff.getByLabel('User name').fill(username);
    await staff.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('rowheader', { name: username }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // Nothing of the session is left in the browser's storage.
    expect(await page.evaluate('[localStorage.length, sessionStorage.length]')).toEqual([0, 0]);
  }, 120_000);

  it("lets a supervisor import a programme's history from the template, read its figures and download them", async () => {
    const programme = await publishProgramme(stack.api.url, 'TEST-CONSOLE-REPORTS', 'Console reports', (p) => p);
    const { page } = await signIn(['supervisor']);
    await page.getByRole('link', { name: 'Reports', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    await page.getByLabel('Programme', { exact: true }).selectOption(programme);
    await page.getByLabel('Year').fill('2019');
    const saved = async (button: string) => {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: button }).click(),
      ]);
      const chunks: Buffer[] = [];
      for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
      return { name: file.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
    };

    // The template, filled in: six returns in 2019 (five women, one man), and a row with a date that does not exist.
    const template = await saved('Download the template (CSV)');
    expect(template.name).toBe('avrr-history-template.csv');
    expect(template.text.startsWith('\uFEFFcaseRef,role,sex,ageAtIntake,')).toBe(true);
    const header = template.text.slice(1).split('\r\n')[0].split(',');
    const row = (caseRef: string, values: Record<string, string>) =>
      header.map((column) => ({ caseRef, ...RETURNED_IN_2019, ...values })[column] ?? '').join(',');
    const rows = ['female', 'female', 'female', 'female', 'female', 'male'].map((sex) =>
      row(newCaseRef('RPT'), { sex }),
    );
    rows.push(row(newCaseRef('RPT'), { sex: 'female', openedOn: '2019-02-30' }));
    await page.getByLabel(`History file for ${programme} (CSV)`).setInputFiles({
      name: 'history.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${template.text.trimEnd()}\r\n${rows.join('\r\n')}\r\n`),
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Cases imported: 6. Already there: 0. Rows refused: 1.' })
      .waitFor();
    const refused = page.getByRole('table', { name: 'Refused rows' });
    expect(await refused.getByRole('row').allTextContents()).toEqual([
      'LineColumnRule',
      '8openedOnmust be a date (YYYY-MM-DD) from 1900-01-01, not in the future',
    ]);

    // The programme's figures for 2019: what was imported, the man's cell suppressed.
    await page.getByRole('heading', { level: 2, name: 'Figures for 2019' }).waitFor();
    const total = (figure: string) =>
      page
        .getByRole('table', { name: 'Totals' })
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: figure, exact: true }) })
        .getByRole('cell');
    await total('Counselled').filter({ hasText: /^6$/ }).waitFor();
    expect(await total('Departed').allTextContents()).toEqual(['people', '6']);
    expect(await total('Refused').allTextContents()).toEqual(['people', '0']);
    const bySex = page.getByRole('table', { name: 'Counselled by sex' });
    expect(await bySex.getByRole('row').allTextContents()).toEqual(['SexCount', 'Female5', 'Malesuppressed (under 5)']);
    await page.getByLabel('Figure', { exact: true }).selectOption({ label: 'Departed' });
    const byMonth = page.getByRole('table', { name: 'Departed by month' });
    await byMonth.getByRole('row', { name: 'April 2019 6' }).waitFor();
    expect(await byMonth.getByRole('row', { name: 'March 2019 0' }).count()).toBe(1);
    await page
      .getByRole('table', { name: 'Departed by country of return' })
      .getByRole('row', { name: 'Pakistan 6' })
      .waitFor();
    expect(await page.getByRole('img', { name: /^Departed by month: January 2019 0, / }).count()).toBe(1);
    const days = page.getByRole('row', { name: /^Declaration to departure/ }).getByRole('cell');
    expect(await days.allTextContents()).toEqual(['6', '22 days', '22 days']);
    expect(await seriousViolations(page)).toEqual([]);

    const figures = await saved('Download the figures (CSV)');
    expect(figures.name).toBe('avrr-figures.csv');
    expect(figures.text.startsWith('\uFEFFfigure,unit,breakdown,value,count,amount,currency,note\r\n')).toBe(true);
    expect(figures.text).toContain('\r\ncounselled,people,total,,6,,,\r\n');
    expect(figures.text).toContain('\r\ndeparted,people,month,2019-04,6,,,\r\n');
    const cases = await saved('Download the case list (CSV)');
    expect(cases.text.trimEnd().split('\r\n')).toHaveLength(1 + 6);

    // One month: April 2019 saw the six departures, and none of the intakes (March).
    await page.getByLabel('Month', { exact: true }).selectOption({ label: 'April' });
    await page.getByRole('button', { name: 'Show the figures' }).click();
    await page.getByRole('heading', { level: 2, name: 'Figures for April 2019' }).waitFor();
    await total('Counselled').filter({ hasText: /^0$/ }).waitFor();
    expect(await total('Departed').allTextContents()).toEqual(['people', '6']);

    // The page in French and in Arabic: its own texts, the month in the reader's language.
    const language = page.locator('label.language select');
    await language.selectOption('fr');
    await page.getByRole('heading', { level: 2, name: 'Chiffres pour avril 2019' }).waitFor();
    await page.getByRole('table', { name: 'Partis par mois' }).getByRole('row', { name: 'avril 2019 6' }).waitFor();
    await language.selectOption('ar');
    await page.getByRole('heading', { level: 1, name: 'التقارير' }).waitFor();
    await page.getByRole('table', { name: 'غادروا حسب الشهر' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  }, 120_000);

  describe("signing in at the organisation's identity provider", () => {
    const idp = new StandInIdentityProvider();
    let api: RunningApi;
    // A browser of its own, closed before this API is: its connections would hold the API's close.
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    }, 60_000);
    afterAll(() => browser?.close());

    beforeAll(async () => {
      await idp.start();
      const key = await idp.newKey('console');
      idp.publish(key);
      idp.signsIn = { key, claims: { roles: ['case-worker'], programmes: '*' }, subject: 'maria' };
      Object.assign(process.env, {
        AUTH_OIDC_ISSUER: idp.issuer,
        AUTH_OIDC_AUDIENCE: 'avrr-api',
        AUTH_OIDC_CONSOLE_CLIENT_ID: 'avrr-console',
      });
      api = await startApi();
    });
    afterAll(async () => {
      await api?.close();
      for (const name of ['AUTH_OIDC_ISSUER', 'AUTH_OIDC_AUDIENCE', 'AUTH_OIDC_CONSOLE_CLIENT_ID'])
        delete process.env[name];
      await idp.stop();
    });

    it('signs in with the authorization code and PKCE, keeps nothing in storage, and signs out', async () => {
      const page = await (await browser.newContext()).newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const served = await page.goto(`${api.url}/console/`);
      // The console's own scripts only; its calls to the API and to the provider's origin; plain http stays http.
      const policy = served!.headers()['content-security-policy'];
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain(`connect-src 'self' ${idp.issuer}`);
      expect(policy).not.toContain('upgrade-insecure-requests');
      await page.getByRole('button', { name: 'Sign in with your organisation' }).click();
      // Back from the provider, signed in as its user: a case worker, who may open cases.
      await page.getByRole('link', { name: 'Open a case' }).waitFor();
      expect(page.url()).toMatch(/\/console\/?$/); // the code is gone from the address bar
      expect(await page.evaluate('[localStorage.length, sessionStorage.length]')).toEqual([0, 0]);
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      expect(errors).toEqual([]);
    }, 60_000);
  });
});
