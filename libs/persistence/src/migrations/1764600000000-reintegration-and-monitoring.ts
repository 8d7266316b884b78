import type { MigrationInterface, QueryRunner } from 'typeorm';

/** After arrival: the reintegration plan, its tranches, and the monitoring visits. */
export class ReintegrationAndMonitoring1764600000000 implements MigrationInterface {
  name = 'ReintegrationAndMonitoring1764600000000';

  async up(q: QueryRunner): Promise<void> {
    const caseRef = (table: string) => `"case_ref" varchar(40) NOT NULL,
      CONSTRAINT "${table}_case_ref_fkey" FOREIGN KEY ("case_ref") REFERENCES "return_cases"("case_ref") ON DELETE CASCADE`;
    await q.query(`CREATE TABLE "reintegration_plans" (
      ${caseRef('reintegration_plans')},
      "items" jsonb NOT NULL,
      "total" numeric(12,2) NOT NULL,
      "currency" char(3) NOT NULL,
      "submitted_by" varchar(80) NOT NULL,
      "submitted_at" timestamptz NOT NULL DEFAULT now(),
      "approved_by" varchar(80),
      "approved_at" timestamptz,
      PRIMARY KEY ("case_ref")
    )`);
    await q.query(`CREATE TABLE "disbursements" (
      ${caseRef('disbursements')},
      "tranche" int NOT NULL,
      "method" varchar(20) NOT NULL,
      "amount" numeric(12,2) NOT NULL,
      "currency" char(3) NOT NULL,
      "vendor_category" varchar(80),
      "vendor_name" varchar(200),
      "invoice_ref" varchar(60),
      "status" varchar(20) NOT NULL,
      "requested_by" varchar(80) NOT NULL,
      "requested_at" timestamptz NOT NULL DEFAULT now(),
      "approved_by" varchar(80),
      "voucher_code" varchar(40),
      "payment_ref" varchar(60),
      "expires_at" timestamptz,
      "handover_ref" varchar(60),
      PRIMARY KEY ("case_ref", "tranche")
    )`);
    await q.query(`CREATE TABLE "monitoring_visits" (
      ${caseRef('monitoring_visits')},
      "follow_up" int NOT NULL,
      "due_at" timestamptz,
      "status" varchar(10) NOT NULL,
      "visited_on" date,
      "answers" jsonb,
      "scores" jsonb,
      "policy_version" int,
      "survey_version" varchar(40),
      "recorded_by" varchar(80) NOT NULL,
      "recorded_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("case_ref", "follow_up")
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['monitoring_visits', 'disbursements', 'reintegration_plans']) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}
