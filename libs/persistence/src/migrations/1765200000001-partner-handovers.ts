import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A step handed to another partner: the partner lookup follows it for that case, kind and place. */
export class PartnerHandovers1765200000001 implements MigrationInterface {
  name = 'PartnerHandovers1765200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "partner_handovers" (
      "case_ref" varchar(40) NOT NULL,
      "kind" varchar(30) NOT NULL,
      "from_place" varchar(10) NOT NULL,
      "to_place" varchar(10) NOT NULL,
      "handed_over_by" text NOT NULL,
      "handed_over_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("case_ref", "kind", "from_place")
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "partner_handovers"`);
  }
}
