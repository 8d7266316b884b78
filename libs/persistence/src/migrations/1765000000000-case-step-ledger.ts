import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The step ledger: each staff step under its idempotency key, pending until the workflow decides on it. */
export class CaseStepLedger1765000000000 implements MigrationInterface {
  name = 'CaseStepLedger1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "case_steps" (
      "case_ref" varchar(40) NOT NULL,
      "idempotency_key" varchar(200) NOT NULL,
      "update_id" varchar(80) NOT NULL UNIQUE,
      "step" varchar(40) NOT NULL,
      "fingerprint" char(64) NOT NULL,
      "actor" text NOT NULL,
      "payload" jsonb NOT NULL,
      "summary" text NOT NULL,
      "undo" jsonb NOT NULL,
      "status" varchar(10) NOT NULL,
      "refusal" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "settled_at" timestamptz,
      PRIMARY KEY ("case_ref", "idempotency_key"),
      CONSTRAINT "case_steps_case_ref_fkey" FOREIGN KEY ("case_ref") REFERENCES "return_cases"("case_ref") ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX "case_steps_pending" ON "case_steps" ("status", "created_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "case_steps"`);
  }
}
