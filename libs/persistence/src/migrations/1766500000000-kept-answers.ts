import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A step's first answer, kept a day for repeats under its key: the case moves on after a step (the workflow's own
 * work), and a repeat gets the answer the first request got, not the case as it stands by then. Not in `case_steps`,
 * whose writes wake the case's readers, and gone after a day, as it holds the case as its reader saw it. The other
 * writes' answers are kept as they were written (`json`, not `jsonb`, which reorders an object's keys).
 */
export class KeptAnswers1766500000000 implements MigrationInterface {
  name = 'KeptAnswers1766500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "step_answers" (
      "case_ref" varchar(40) NOT NULL,
      "idempotency_key" varchar(200) NOT NULL,
      "answer" json NOT NULL,
      "answered_for" char(64) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("case_ref", "idempotency_key"),
      CONSTRAINT "step_answers_step_fkey" FOREIGN KEY ("case_ref", "idempotency_key")
        REFERENCES "case_steps" ("case_ref", "idempotency_key") ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX "step_answers_created_at" ON "step_answers" ("created_at")`);
    await q.query(`ALTER TABLE "repeatable_writes" ALTER COLUMN "answer" TYPE json USING "answer"::json`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "repeatable_writes" ALTER COLUMN "answer" TYPE jsonb USING "answer"::jsonb`);
    await q.query(`DROP TABLE "step_answers"`);
  }
}
