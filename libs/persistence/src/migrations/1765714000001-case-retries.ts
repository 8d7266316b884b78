import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Activities of a return that failed an attempt and are retried: the case view asks Temporal only about those. */
export class CaseRetries1765714000001 implements MigrationInterface {
  name = 'CaseRetries1765714000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "case_retries" (
      "run_id" varchar(64) NOT NULL,
      "activity_id" varchar(100) NOT NULL,
      "case_ref" varchar(40) NOT NULL,
      "since" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("run_id", "activity_id"),
      CONSTRAINT "case_retries_case_ref_fkey" FOREIGN KEY ("case_ref") REFERENCES "return_cases"("case_ref") ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX "case_retries_case" ON "case_retries" ("case_ref")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "case_retries"`);
  }
}
