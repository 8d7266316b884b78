import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface HeldSmtp {
  /** The relay's address, for the worker's `SMTP_URL`. */
  url: string;
  /** From now on, what senders write waits in the relay: an e-mail being sent does not end. */
  hold(): void;
  /** What waited goes on, in order, and so does what comes next. */
  release(): void;
  close(): Promise<void>;
}

/**
 * A TCP relay in front of the tests' SMTP server that a test can hold, to catch the workflow while a partner's
 * e-mail is on its way. The server's greeting and answers pass; only what the sender writes waits.
 */
export async function heldSmtp(upstream: string): Promise<HeldSmtp> {
  const { hostname, port } = new URL(upstream);
  let held = false;
  const waiting: (() => void)[] = [];
  const sockets = new Set<Socket>();
  const relay = createServer((sender) => {
    const smtp = connect(Number(port), hostname);
    for (const socket of [sender, smtp]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    const forward = (write: () => void) => (held ? waiting.push(write) : write());
    smtp.pipe(sender);
    sender.on('data', (chunk) => forward(() => smtp.write(chunk)));
    sender.on('end', () => forward(() => smtp.end()));
    sender.on('error', () => smtp.destroy());
    smtp.on('error', () => sender.destroy());
  });
  await new Promise<void>((listening) => relay.listen(0, '127.0.0.1', listening));
  return {
    url: `smtp://127.0.0.1:${(relay.address() as AddressInfo).port}`,
    hold: () => (held = true),
    release: () => {
      held = false;
      for (const write of waiting.splice(0)) write();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((closed) => relay.close(() => closed()));
    },
  };
}
