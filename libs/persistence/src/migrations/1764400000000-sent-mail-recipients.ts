import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An escalation goes to every supervisor of a programme: the recipients of one e-mail can exceed 254 characters. */
export class SentMailRecipients1764400000000 implements MigrationInterface {
  name = 'SentMailRecipients1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sent_mail" ALTER COLUMN "recipient" TYPE text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sent_mail" ALTER COLUMN "recipient" TYPE varchar(254) USING left("recipient", 254)`);
  }
}
