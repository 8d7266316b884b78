import { startMailCatcher, type MailCatcher } from '@avrr/local-stack';
import { Mailer } from '@avrr/activities';

async function caught(catcher: MailCatcher): Promise<string[]> {
  const messages = (await (await fetch(`${catcher.httpUrl}/messages`)).json()) as { subject: string }[];
  return messages.map((m) => m.subject);
}

describe('Mailer over a pool of SMTP connections', () => {
  it('delivers every e-mail sent at once, and keeps delivering after the SMTP server restarts', async () => {
    let catcher = await startMailCatcher();
    const smtpPort = Number(new URL(catcher.smtpUrl).port);
    const mailer = new Mailer({
      smtpUrl: catcher.smtpUrl,
      from: 'ops@test',
      connectionTimeoutMs: 2000,
      maxConnections: 2,
    });
    try {
      const mail = (subject: string) => ({ to: 'partner@test', subject, text: 'x', messageId: `<${subject}@test>` });
      await Promise.all(Array.from({ length: 10 }, (_, i) => mailer.send(mail(`before ${i}`))));
      expect((await caught(catcher)).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `before ${i}`).sort());

      await catcher.stop();
      catcher = await startMailCatcher({ smtpPort });
      // The pooled connections died with the old server: the next e-mails go out on new ones.
      await Promise.all(Array.from({ length: 3 }, (_, i) => mailer.send(mail(`after ${i}`))));
      expect((await caught(catcher)).sort()).toEqual(['after 0', 'after 1', 'after 2']);
    } finally {
      mailer.onModuleDestroy();
      await catcher.stop();
    }
  });
});
