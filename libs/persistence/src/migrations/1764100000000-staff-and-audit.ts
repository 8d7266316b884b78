import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StaffAndAudit1764100000000 implements MigrationInterface {
  name = 'StaffAndAudit1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "staff_users" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "username" varchar(60) NOT NULL,
      "display_name" varchar(120) NOT NULL,
      "password_hash" varchar(300),
      "roles" text[] NOT NULL,
      "programmes" text[],
      "active" boolean NOT NULL DEFAULT true,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "staff_users_username" UNIQUE ("username")
    )`);
    await q.query(`CREATE TABLE "login_failures" (
      "id" bigserial PRIMARY KEY,
      "username" varchar(60) NOT NULL,
      "address" varchar(64) NOT NULL,
      "occurred_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "login_failures_username" ON "login_failures" ("username", "occurred_at")`);
    await q.query(`CREATE INDEX "login_failures_address" ON "login_failures" ("address", "occurred_at")`);
    await q.query(`CREATE TABLE "audit_log" (
      "id" bigserial PRIMARY KEY,
      "occurred_at" timestamptz NOT NULL DEFAULT now(),
      "actor" varchar(120) NOT NULL,
      "action" varchar(200) NOT NULL,
      "case_ref" varchar(40),
      "status" int NOT NULL,
      "address" varchar(64) NOT NULL,
      "request_id" varchar(100) NOT NULL
    )`);
    await q.query(`CREATE INDEX "audit_log_case_ref" ON "audit_log" ("case_ref", "occurred_at")`);
    await q.query(`CREATE INDEX "audit_log_actor" ON "audit_log" ("actor", "occurred_at")`);
    // No code path can rewrite history: the database itself refuses.
    await q.query(`CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
    $$`);
    await q.query(`CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log"
      FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"()`);
    await q.query(`CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
      FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_log"`);
    await q.query(`DROP FUNCTION "audit_log_append_only"()`);
    await q.query(`DROP TABLE "login_failures"`);
    await q.query(`DROP TABLE "staff_users"`);
  }
}
