import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "programmes" (
      "code" varchar(40) PRIMARY KEY,
      "name" varchar(200) NOT NULL
    )`);
    await q.query(`CREATE TABLE "programme_policies" (
      "programme_code" varchar(40) NOT NULL REFERENCES "programmes"("code"),
      "version" int NOT NULL,
      "policy" jsonb NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("programme_code", "version")
    )`);
    await q.query(`CREATE TABLE "partners" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "kind" varchar(30) NOT NULL,
      "country" char(2) NOT NULL,
      "name" varchar(200) NOT NULL,
      "email" varchar(254) NOT NULL,
      CONSTRAINT "partners_kind_country" UNIQUE ("kind", "country")
    )`);
    await q.query(`CREATE TABLE "return_cases" (
      "case_ref" varchar(40) PRIMARY KEY,
      "programme_code" varchar(40) NOT NULL,
      "policy_version" int NOT NULL,
      "host_country" char(2) NOT NULL,
      "destination_country" char(2) NOT NULL,
      "destination_city" varchar(120) NOT NULL,
      "has_valid_travel_document" boolean NOT NULL,
      "stage" varchar(40),
      "workflow_id" varchar(80) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY ("programme_code", "policy_version") REFERENCES "programme_policies"("programme_code", "version")
    )`);
    await q.query(`CREATE TABLE "case_persons" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "case_ref" varchar(40) NOT NULL REFERENCES "return_cases"("case_ref") ON DELETE CASCADE,
      "role" varchar(20) NOT NULL,
      "given_name" varchar(120) NOT NULL,
      "family_name" varchar(120) NOT NULL,
      "date_of_birth" date NOT NULL,
      "nationality" char(2) NOT NULL
    )`);
    await q.query(`CREATE INDEX "case_persons_case_ref" ON "case_persons" ("case_ref")`);
    await q.query(`CREATE TABLE "case_timeline" (
      "id" bigserial PRIMARY KEY,
      "case_ref" varchar(40) NOT NULL REFERENCES "return_cases"("case_ref") ON DELETE CASCADE,
      "kind" varchar(60) NOT NULL,
      "summary" text NOT NULL,
      "actor" varchar(80) NOT NULL,
      "idempotency_key" varchar(300) UNIQUE,
      "occurred_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "case_timeline_case_ref" ON "case_timeline" ("case_ref", "occurred_at")`);
    await q.query(`CREATE TABLE "travel_documents" (
      "case_ref" varchar(40) PRIMARY KEY REFERENCES "return_cases"("case_ref") ON DELETE CASCADE,
      "document_type" varchar(40) NOT NULL,
      "document_number" varchar(40) NOT NULL,
      "expires_on" date NOT NULL,
      "recorded_by" varchar(80) NOT NULL,
      "recorded_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE "sent_mail" (
      "idempotency_key" varchar(300) PRIMARY KEY,
      "message_id" varchar(400) NOT NULL,
      "case_ref" varchar(40) NOT NULL,
      "kind" varchar(60) NOT NULL,
      "recipient" varchar(254) NOT NULL,
      "subject" varchar(300) NOT NULL,
      "sent_at" timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'sent_mail',
      'travel_documents',
      'case_timeline',
      'case_persons',
      'return_cases',
      'partners',
      'programme_policies',
      'programmes',
    ]) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}
