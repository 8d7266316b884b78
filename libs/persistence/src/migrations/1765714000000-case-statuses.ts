import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each return's status as its workflow last published it, so that reading cases needs neither worker nor Temporal. */
export class CaseStatuses1765714000000 implements MigrationInterface {
  name = 'CaseStatuses1765714000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "case_statuses" (
      "case_ref" varchar(40) NOT NULL,
      "run_id" varchar(64) NOT NULL,
      "run_started_at" timestamptz NOT NULL,
      "seq" int NOT NULL,
      "run_status" varchar(20) NOT NULL,
      "status" jsonb NOT NULL,
      "waiting_on" varchar(80),
      "due_at" timestamptz,
      "failing_step" varchar(120),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("case_ref"),
      CONSTRAINT "case_statuses_case_ref_fkey" FOREIGN KEY ("case_ref") REFERENCES "return_cases"("case_ref") ON DELETE CASCADE
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "case_statuses"`);
  }
}
