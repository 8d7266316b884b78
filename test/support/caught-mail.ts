import type { CaughtMessage } from '@avrr/local-stack';
import { eventually } from './eventually';
import { testStack } from './test-env';

/** Everything the test SMTP server has received, read over its HTTP API. */
export async function caughtMail(): Promise<CaughtMessage[]> {
  const response = await fetch(`${testStack().mailCatcherUrl}/messages`);
  return (await response.json()) as CaughtMessage[];
}

/** The messages about one case (by its reference in the subject). */
export async function mailAbout(caseRef: string): Promise<CaughtMessage[]> {
  return (await caughtMail()).filter((m) => m.subject.includes(`case ${caseRef}`));
}

/** Waits until at least `count` messages about the case match, and returns them. */
export function waitForMail(
  caseRef: string,
  match: (message: CaughtMessage) => boolean,
  { count = 1, timeoutMs = 20_000 } = {},
): Promise<CaughtMessage[]> {
  return eventually(
    async () => {
      const found = (await mailAbout(caseRef)).filter(match);
      return found.length >= count ? found : undefined;
    },
    { timeoutMs, what: `${count} e-mail(s) about case ${caseRef}` },
  );
}
