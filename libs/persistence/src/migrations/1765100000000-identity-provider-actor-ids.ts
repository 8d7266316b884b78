import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every column that holds a staff id, as long as the identity provider's `issuer|subject` ids are (Entra ID: 119). */
const ACTOR_COLUMNS: [table: string, column: string, was: number][] = [
  ['accommodations', 'recorded_by', 80],
  ['audit_log', 'actor', 120],
  ['counselling_sessions', 'counsellor', 120],
  ['disbursements', 'requested_by', 80],
  ['disbursements', 'approved_by', 80],
  ['escorts', 'recorded_by', 80],
  ['monitoring_visits', 'recorded_by', 80],
  ['reintegration_plans', 'submitted_by', 80],
  ['reintegration_plans', 'approved_by', 80],
  ['return_allowances', 'recorded_by', 80],
  ['return_cases', 'declaration_recorded_by', 120],
  ['case_timeline', 'actor', 80],
  ['travel_checks', 'recorded_by', 80],
  ['travel_documents', 'recorded_by', 80],
];

export class IdentityProviderActorIds1765100000000 implements MigrationInterface {
  name = 'IdentityProviderActorIds1765100000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, column] of ACTOR_COLUMNS) {
      await q.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" TYPE text`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, column, was] of ACTOR_COLUMNS) {
      await q.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" TYPE varchar(${was})`);
    }
  }
}
