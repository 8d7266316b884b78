import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import type { Role } from '../../apps/api/src/auth/roles';
import { signedInStaff, type SignedIn } from './staff';

const root = join(__dirname, '../..');

/** Builds the console with Vite (about a second), as `npm run console:build` does, for the API to serve. */
export async function buildConsole(): Promise<void> {
  await promisify(execFile)(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', 'apps/console'], {
    cwd: root,
  });
}

export interface ConsolePage {
  page: Page;
  staff: SignedIn;
  /** What the page threw or logged as an error: a console that works leaves this empty. */
  errors: string[];
  /** The API's 4xx and 5xx answers to the page: `status METHOD url`. */
  refusals: string[];
}

/** A new browser context (nothing shared with other users) signed in through the console's own sign-in form. */
export async function signInToConsole(
  browser: Browser,
  apiUrl: string,
  roles: Role[],
  staff?: SignedIn,
): Promise<ConsolePage> {
  const user = staff ?? (await signedInStaff(apiUrl, roles));
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
  const errors: string[] = [];
  const refusals: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('response', (response) => {
    // A refusal the test provokes is expected; anything else the console asked and was refused is a finding.
    if (response.status() >= 400)
      refusals.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  await page.goto(`${apiUrl}/console/`);
  await page.getByLabel('User name').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return { page, staff: user, errors, refusals };
}

/** The serious and critical WCAG 2.1 A/AA violations axe-core finds on the page, as `rule: target` lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}`));
}
