import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseRecords, placeholders, SYSTEM_ACTOR, SentMailEntity } from '@avrr/persistence';
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
    if (await this.dataSource.manager.existsBy(SentMailEntity, { idempotencyKey })) return;
    // After a withdrawal partners are only told what is cancelled: a request still in flight is not sent.
    if (!CANCELLATION.test(mail.kind) && (await this.caseRecords.isWithdrawn(mail.caseRef))) return;
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
