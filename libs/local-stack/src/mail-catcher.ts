import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMessage {
  id: number;
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  receivedAt: string;
}

export interface MailCatcher {
  smtpUrl: string;
  /** JSON list of what was caught at `/messages`, an HTML page at `/`. */
  httpUrl: string;
  stop(): Promise<void>;
}

/**
 * A real SMTP server that keeps what it receives in memory and shows it over HTTP: local runs read the
 * partners' e-mails in a browser, tests assert on them.
 */
export async function startMailCatcher(options: { smtpPort?: number; httpPort?: number } = {}): Promise<MailCatcher> {
  const messages: CaughtMessage[] = [];

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          messages.push({
            id: messages.length + 1,
            messageId: parsed.messageId ?? '',
            from: parsed.from?.value.map((a) => a.address ?? '').join(', ') ?? '',
            to: addresses(parsed.to),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            receivedAt: new Date().toISOString(),
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  const smtpPort = await listen(
    (port) => new Promise((ok) => smtp.listen(port, '127.0.0.1', () => ok(smtp.server))),
    options.smtpPort,
  );

  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/messages' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(messages));
    } else if (url.pathname === '/messages' && req.method === 'DELETE') {
      messages.length = 0;
      res.writeHead(204).end();
    } else if (url.pathname === '/' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(messages));
    } else {
      res.writeHead(404).end();
    }
  });
  const httpPort = await listen(
    (port) => new Promise((ok) => http.listen(port, '127.0.0.1', () => ok(http))),
    options.httpPort,
  );

  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    httpUrl: `http://127.0.0.1:${httpPort}`,
    stop: async () => {
      await new Promise<void>((ok) => smtp.close(() => ok()));
      await new Promise<void>((ok) => http.close(() => ok()));
    },
  };
}

async function listen(
  start: (port: number) => Promise<{ address(): AddressInfo | string | null }>,
  port = 0,
): Promise<number> {
  const server = await start(port);
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('server is not listening on a TCP port');
  return address.port;
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((group) => group.value.map((a) => a.address ?? ''));
}

function page(messages: CaughtMessage[]): string {
  const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const rows = [...messages]
    .reverse()
    .map(
      (m) =>
        `<article><h3>${escape(m.subject)}</h3><p>To ${escape(m.to.join(', '))} · ${m.receivedAt}</p>` +
        `<pre>${escape(m.text)}</pre></article>`,
    )
    .join('\n');
  return `<!doctype html><meta charset="utf-8"><title>Caught mail</title>
<style>body{font-family:sans-serif;max-width:60rem;margin:auto}article{border-bottom:1px solid #ccc}</style>
<h1>Caught mail (${messages.length})</h1>${rows || '<p>No mail yet.</p>'}`;
}
