import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The daily ops digest: which supervisor got which day's e-mail, so it goes once per day. */
export class OpsDigests1765200000000 implements MigrationInterface {
  name = 'OpsDigests1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "ops_digests" (
      "day" date NOT NULL,
      "recipient" varchar(254) NOT NULL,
      "programmes" text[] NOT NULL,
      "message_id" varchar(400) NOT NULL,
      "sent_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("day", "recipient")
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "ops_digests"`);
  }
}
