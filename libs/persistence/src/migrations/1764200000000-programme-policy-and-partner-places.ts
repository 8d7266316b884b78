import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Policies gain eligibility, destinations, allowance, declaration and escalation; partners are keyed by place. */
export class ProgrammePolicyAndPartnerPlaces1764200000000 implements MigrationInterface {
  name = 'ProgrammePolicyAndPartnerPlaces1764200000000';

  async up(q: QueryRunner): Promise<void> {
    // Policies written before these fields existed get the values that mean "as before": everyone eligible, no
    // destination closed, no mission, no allowance, no escalation contact.
    await q.query(`UPDATE "programme_policies" SET "policy" = jsonb_build_object(
        'eligibleTargetGroups', '["rejected-asylum-seeker","withdrawn-asylum-seeker","renounced-protection",
          "return-decision","stranded-migrant","victim-of-trafficking","unaccompanied-child","health-needs",
          "other-vulnerable"]'::jsonb,
        'closedDestinations', '[]'::jsonb,
        'missionCountries', '[]'::jsonb,
        'returnAllowance', '{"amount": 0, "currency": "EUR"}'::jsonb,
        'declarationWithin', 'P90D',
        'escalationContacts', '[]'::jsonb
      ) || "policy" || jsonb_build_object('travelDocument',
        jsonb_build_object('escalateAfter', 'P30D') || ("policy" -> 'travelDocument'))
      WHERE NOT "policy" ? 'eligibleTargetGroups'`);
    await q.query(`ALTER TABLE "partners" RENAME COLUMN "country" TO "place"`);
    await q.query(`ALTER TABLE "partners" ALTER COLUMN "place" TYPE varchar(10)`);
    await q.query(`ALTER TABLE "partners" RENAME CONSTRAINT "partners_kind_country" TO "partners_kind_place"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "partners" WHERE length("place") <> 2`);
    await q.query(`ALTER TABLE "partners" RENAME CONSTRAINT "partners_kind_place" TO "partners_kind_country"`);
    await q.query(`ALTER TABLE "partners" ALTER COLUMN "place" TYPE char(2)`);
    await q.query(`ALTER TABLE "partners" RENAME COLUMN "place" TO "country"`);
  }
}
