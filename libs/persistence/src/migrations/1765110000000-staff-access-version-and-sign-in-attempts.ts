import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tokens follow the staff directory (a version raised by each change of access), and sign-in attempts are counted
 * atomically per account and address instead of failures per account, which let anyone lock any account out.
 */
export class StaffAccessVersionAndSignInAttempts1765110000000 implements MigrationInterface {
  name = 'StaffAccessVersionAndSignInAttempts1765110000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "staff_users" ADD COLUMN "access_version" int NOT NULL DEFAULT 1`);
    await q.query(`CREATE TABLE "sign_in_attempts" (
      "key" varchar(200) PRIMARY KEY,
      "window_started_at" timestamptz NOT NULL,
      "attempts" int NOT NULL
    )`);
    await q.query(`DROP TABLE "login_failures"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "login_failures" (
      "id" bigserial PRIMARY KEY,
      "username" varchar(60) NOT NULL,
      "address" varchar(64) NOT NULL,
      "occurred_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "login_failures_username" ON "login_failures" ("username", "occurred_at")`);
    await q.query(`CREATE INDEX "login_failures_address" ON "login_failures" ("address", "occurred_at")`);
    await q.query(`DROP TABLE "sign_in_attempts"`);
    await q.query(`ALTER TABLE "staff_users" DROP COLUMN "access_version"`);
  }
}
