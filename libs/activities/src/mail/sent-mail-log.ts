import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseRecords, placeholders, preparedQuery, SYSTEM_ACTOR, withdrawn } from '@avrr/persistence';
import { Mailer } from './mailer';

export interface PartnerMail {
  caseRef: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
  /** The case timeline's line for this e-mail: no personal data. */
  timelineSummary: string;
}

const CANCELLATION = /-(cancelled|withdrawn)$/;

/**
 * Sends an e-mail at most once per idempotency key: a retried activity finds the row of the first attempt
 * and stops. The Message-ID is derived from the key, so in the narrow window where the SMTP server took the
 * mail but the row was not yet written, the repeat carries the same Message-ID and the receiver can drop it.
 */
@Injectable()
export class SentMailLog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly caseRecords: CaseRecords,
  ) {}

  async sendOnce(idempotencyKey: string, mail: PartnerMail): Promise<void> {
    // Sent already; or, after a withdrawal, not a cancellation: partners are only told what is cancelled then, and
    // a request still in flight is not sent.
    const [{ sentAlready, caseWithdrawn }] = await preparedQuery<{ sentAlready: boolean; caseWithdrawn: boolean }>(
      this.dataSource.manager,
      `SELECT EXISTS (SELECT 1 FROM sent_mail WHERE idempotency_key = $1) AS "sentAlready", ${withdrawn('$2')} AS "caseWithdrawn"`,
      [idempotencyKey, mail.caseRef],
    );
    if (sentAlready || (caseWithdrawn && !CANCELLATION.test(mail.kind))) return;
    const messageId = `<${idempotencyKey.replace(/[^A-Za-z0-9.-]/g, '.')}@avrr-returns>`;
    await this.mailer.send({ to: mail.to, subject: mail.subject, text: mail.text, messageId });
    const sent = [idempotencyKey, messageId, mail.caseRef, mail.kind, mail.to, mail.subject];
    await this.caseRecords.writeWithEvent(
      (first) => ({
        sql: `INSERT INTO sent_mail (idempotency_key, message_id, case_ref, kind, recipient, subject)
          VALUES (${placeholders(first, sent.length)}) ON CONFLICT DO NOTHING`,
        parameters: sent,
      }),
      { caseRef: mail.caseRef, kind: mail.kind, summary: mail.timelineSummary, actor: SYSTEM_ACTOR, idempotencyKey },
    );
  }
}
