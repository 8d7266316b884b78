import { Socket } from 'node:net';
import { createTransport } from 'nodemailer';
import { startMailCatcher, type CaughtMessage, type MailCatcher } from './mail-catcher';

describe('the mail catcher', () => {
  let catcher: MailCatcher;
  beforeEach(async () => (catcher = await startMailCatcher()));
  afterEach(() => catcher.stop());

  const send = (subject: string) =>
    createTransport({ url: catcher.smtpUrl, connectionTimeout: 2000 } as never).sendMail({
      from: 'ops@avrr.test',
      to: 'partner@partners.test',
      subject,
      text: 'hello',
    });
  const subjects = async () =>
    ((await (await fetch(`${catcher.httpUrl}/messages`)).json()) as CaughtMessage[]).map((m) => m.subject);

  it('keeps catching after a sender dies mid-session (its connection reset)', async () => {
    const { port } = new URL(catcher.smtpUrl);
    const socket = new Socket();
    const pause = () => new Promise((ok) => setTimeout(ok, 150));
    await new Promise<void>((ok) => socket.connect(Number(port), '127.0.0.1', ok));
    for (const command of ['EHLO killed-worker', 'MAIL FROM:<ops@avrr.test>']) {
      await pause();
      socket.write(`${command}\r\n`);
    }
    await pause();
    socket.resetAndDestroy();
    await pause();
    await send('after the reset');
    expect(await subjects()).toEqual(['after the reset']);
  });

  it('goes down for an outage and comes back on the same port with what it caught', async () => {
    await send('before');
    await catcher.stopSmtp();
    await expect(send('during')).rejects.toThrow();
    await catcher.startSmtp();
    await send('after');
    expect(await subjects()).toEqual(['before', 'after']);
  });
});
