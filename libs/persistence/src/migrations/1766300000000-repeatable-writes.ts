import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The answers to writes outside a case's steps (programmes, staff, partners, imports, opening a case), kept a day
 * under the client's `Idempotency-Key`: a repeat gets the same answer and has no second effect.
 */
export class RepeatableWrites1766300000000 implements MigrationInterface {
  name = 'RepeatableWrites1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "repeatable_writes" (
      "idempotency_key" varchar(200) PRIMARY KEY,
      "fingerprint" char(64) NOT NULL,
      "status" smallint,
      "answer" jsonb,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "repeatable_writes_created_at" ON "repeatable_writes" ("created_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "repeatable_writes"`);
  }
}
