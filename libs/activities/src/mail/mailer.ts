import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { mailConfig, type MailConfig } from '@avrr/config';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Stable across retries, so a receiving system can drop a duplicate. */
  messageId: string;
}

/**
 * nodemailer over SMTP through a pool of connections (opening one costs about 30 times sending on one), with
 * timeouts. A pooled connection the server dropped (a restart, an idle timeout) leaves the pool and the next
 * e-mail opens a new one; an e-mail lost with its connection fails its activity, which Temporal retries.
 */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private readonly transport: Transporter;

  constructor(@Inject(mailConfig.KEY) private readonly config: MailConfig) {
    const url = new URL(config.smtpUrl);
    this.transport = createTransport({
      pool: true,
      maxConnections: config.maxConnections,
      // A connection is renewed after this many e-mails, so a long-lived pool follows DNS and server changes.
      maxMessages: 100,
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
      secure: url.protocol === 'smtps:',
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      connectionTimeout: config.connectionTimeoutMs,
      greetingTimeout: config.connectionTimeoutMs,
      socketTimeout: config.connectionTimeoutMs * 3,
    });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({ from: this.config.from, ...mail });
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
