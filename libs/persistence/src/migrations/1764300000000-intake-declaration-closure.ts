import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Intake records who is assisted and why; cases close with an outcome; counselling and the declaration are kept. */
export class IntakeDeclarationClosure1764300000000 implements MigrationInterface {
  name = 'IntakeDeclarationClosure1764300000000';

  async up(q: QueryRunner): Promise<void> {
    // Cases opened before intake recorded a target group count as "other-vulnerable": no group was asked.
    await q.query(`ALTER TABLE "return_cases"
      ADD COLUMN "target_group" varchar(40) NOT NULL DEFAULT 'other-vulnerable',
      ADD COLUMN "vulnerabilities" text[] NOT NULL DEFAULT '{}',
      ADD COLUMN "outcome" varchar(40),
      ADD COLUMN "outcome_reason" text,
      ADD COLUMN "closed_at" timestamptz,
      ADD COLUMN "declaration_signed_on" date,
      ADD COLUMN "declaration_recorded_by" varchar(120)`);
    await q.query(`ALTER TABLE "return_cases" ALTER COLUMN "target_group" DROP DEFAULT`);
    await q.query(`ALTER TABLE "return_cases" ALTER COLUMN "workflow_id" DROP NOT NULL`);
    await q.query(`CREATE TABLE "counselling_sessions" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "case_ref" varchar(40) NOT NULL,
      "held_on" date NOT NULL,
      "topics" text[] NOT NULL,
      "counsellor" varchar(120) NOT NULL,
      "recorded_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "counselling_sessions_case_ref_fkey" FOREIGN KEY ("case_ref")
        REFERENCES "return_cases"("case_ref") ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX "counselling_sessions_case_ref" ON "counselling_sessions" ("case_ref", "held_on")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "counselling_sessions"`);
    await q.query(`DELETE FROM "return_cases" WHERE "workflow_id" IS NULL`);
    await q.query(`ALTER TABLE "return_cases" ALTER COLUMN "workflow_id" SET NOT NULL`);
    await q.query(`ALTER TABLE "return_cases"
      DROP COLUMN "target_group", DROP COLUMN "vulnerabilities", DROP COLUMN "outcome", DROP COLUMN "outcome_reason",
      DROP COLUMN "closed_at", DROP COLUMN "declaration_signed_on", DROP COLUMN "declaration_recorded_by"`);
  }
}
