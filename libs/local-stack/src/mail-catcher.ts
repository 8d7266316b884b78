import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { keptState } from './sandboxes/kept-state';

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
  /** An SMTP outage: the server stops listening (open sessions are cut), what was caught stays. */
  stopSmtp(): Promise<void>;
  /** The end of the outage: the SMTP server listens again on the same port. */
  startSmtp(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real SMTP server that keeps what it receives (in `stateFile` when given one) and shows it over HTTP: local runs read the
 * partners' e-mails in a browser, tests assert on them.
 */
export async function startMailCatcher(
  options: { smtpPort?: number; httpPort?: number; stateFile?: string } = {},
): Promise<MailCatcher> {
  const kept = keptState(options.stateFile, [] as CaughtMessage[]);
  const messages = kept.state;

  const smtpServer = () => {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 500,
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
            kept.save();
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    // A sender that dies mid-session (a worker killed while it sends) resets its connection: that is its own
    // business, and an unhandled 'error' would stop the catcher and whatever process runs it.
    server.on('error', () => undefined);
    return server;
  };
  let smtp: SMTPServer | null = smtpServer();
  const smtpListen = (server: SMTPServer) => (port: number) =>
    new Promise<{ address(): AddressInfo | string | null }>((ok) =>
      server.listen(port, '127.0.0.1', () => ok(server.server)),
    );
  const smtpPort = await listen(smtpListen(smtp), options.smtpPort);
  const stopSmtp = async () => {
    const server = smtp;
    smtp = null;
    if (server) await new Promise<void>((ok) => server.close(() => ok()));
  };

  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/messages' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(messages));
    } else if (url.pathname === '/messages' && req.method === 'DELETE') {
      messages.length = 0;
      kept.save();
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
    stopSmtp,
    startSmtp: async () => {
      if (smtp) return;
      smtp = smtpServer();
      await listen(smtpListen(smtp), smtpPort);
    },
    stop: async () => {
      await stopSmtp();
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
