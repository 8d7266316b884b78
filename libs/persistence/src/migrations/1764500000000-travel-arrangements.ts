import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The journey: checks before booking, the escort, bookings, temporary accommodation, return allowances. */
export class TravelArrangements1764500000000 implements MigrationInterface {
  name = 'TravelArrangements1764500000000';

  async up(q: QueryRunner): Promise<void> {
    const caseRef = (table: string) => `"case_ref" varchar(40) NOT NULL,
      CONSTRAINT "${table}_case_ref_fkey" FOREIGN KEY ("case_ref") REFERENCES "return_cases"("case_ref") ON DELETE CASCADE`;
    await q.query(`CREATE TABLE "travel_checks" (
      ${caseRef('travel_checks')},
      "check" varchar(20) NOT NULL,
      "done_on" date NOT NULL,
      "note" text NOT NULL,
      "recorded_by" varchar(80) NOT NULL,
      "recorded_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("case_ref", "check")
    )`);
    await q.query(`CREATE TABLE "escorts" (
      ${caseRef('escorts')},
      "kind" varchar(20) NOT NULL,
      "given_name" varchar(120) NOT NULL,
      "family_name" varchar(120) NOT NULL,
      "recorded_by" varchar(80) NOT NULL,
      "recorded_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("case_ref")
    )`);
    await q.query(`CREATE TABLE "itineraries" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ${caseRef('itineraries')},
      "booking_ref" varchar(40) NOT NULL,
      "channel" varchar(20) NOT NULL,
      "segments" jsonb NOT NULL,
      "status" varchar(20) NOT NULL,
      "booked_at" timestamptz NOT NULL DEFAULT now(),
      "cancelled_at" timestamptz,
      CONSTRAINT "itineraries_case_ref_booking_ref_key" UNIQUE ("case_ref", "booking_ref")
    )`);
    await q.query(`CREATE TABLE "accommodations" (
      ${caseRef('accommodations')},
      "from_date" date NOT NULL,
      "until_date" date NOT NULL,
      "status" varchar(20) NOT NULL,
      "recorded_by" varchar(80) NOT NULL,
      "recorded_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("case_ref")
    )`);
    await q.query(`CREATE TABLE "return_allowances" (
      "person_id" uuid PRIMARY KEY,
      ${caseRef('return_allowances')},
      "amount" numeric(12,2) NOT NULL,
      "currency" char(3) NOT NULL,
      "recorded_by" varchar(80) NOT NULL,
      "handed_over_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "return_allowances_person_id_fkey" FOREIGN KEY ("person_id")
        REFERENCES "case_persons"("id") ON DELETE CASCADE
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['return_allowances', 'accommodations', 'itineraries', 'escorts', 'travel_checks']) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}
