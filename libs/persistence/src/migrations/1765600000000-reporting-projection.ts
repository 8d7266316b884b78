import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reporting projection: one row per case with what the figures are broken down by (no names, no birth dates),
 * a ledger of the facts already counted (so a repeated step counts once), and the tallies the report sums. The
 * tallies are updated in place by every step that counts something: room left in each page keeps those updates
 * on the page (HOT), so the table does not bloat; the (grain, period) index serves reports over all programmes, and the series index the totals per month.
 */
export class ReportingProjection1765600000000 implements MigrationInterface {
  name = 'ReportingProjection1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case_persons" ADD "sex" varchar(10)`);
    await q.query(`CREATE TABLE "report_cases" (
      "case_ref" varchar(40) NOT NULL,
      "programme_code" varchar(40) NOT NULL,
      "host_country" char(2) NOT NULL,
      "destination_country" char(2) NOT NULL,
      "target_group" varchar(40) NOT NULL,
      "vulnerabilities" text array NOT NULL DEFAULT '{}',
      "people" jsonb NOT NULL,
      "opened_on" date NOT NULL,
      "source" varchar(10) NOT NULL,
      "import_digest" varchar(64),
      CONSTRAINT "report_cases_case_ref_fkey" FOREIGN KEY ("case_ref") REFERENCES "return_cases"("case_ref") ON DELETE CASCADE,
      PRIMARY KEY ("case_ref")
    )`);
    await q.query(`CREATE INDEX "report_cases_programme_opened" ON "report_cases" ("programme_code", "opened_on")`);
    await q.query(`CREATE TABLE "report_facts" (
      "case_ref" varchar(40) NOT NULL,
      "fact" varchar(60) NOT NULL,
      "occurred_on" date NOT NULL,
      "detail" varchar(300),
      CONSTRAINT "report_facts_case_ref_fkey" FOREIGN KEY ("case_ref") REFERENCES "report_cases"("case_ref") ON DELETE CASCADE,
      PRIMARY KEY ("case_ref", "fact")
    )`);
    await q.query(`CREATE TABLE "report_tallies" (
      "programme_code" varchar(40) NOT NULL,
      "grain" char(1) NOT NULL,
      "period" date NOT NULL,
      "metric" varchar(60) NOT NULL,
      "dimension" varchar(30) NOT NULL,
      "value" varchar(300) NOT NULL,
      "count" bigint NOT NULL,
      "amount" numeric(18,4) NOT NULL DEFAULT 0,
      PRIMARY KEY ("programme_code", "grain", "period", "metric", "dimension", "value")
    ) WITH (fillfactor = 70)`);
    await q.query(`CREATE INDEX "report_tallies_grain_period" ON "report_tallies" ("grain", "period")`);
    await q.query(
      `CREATE INDEX "report_tallies_series" ON "report_tallies" ("programme_code", "grain", "dimension", "period")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "report_tallies"`);
    await q.query(`DROP TABLE "report_facts"`);
    await q.query(`DROP TABLE "report_cases"`);
    await q.query(`ALTER TABLE "case_persons" DROP COLUMN "sex"`);
  }
}
