import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The case list's order (newest first, then by reference), alone and after each filter it offers. */
const INDEXES: [name: string, leading: string[]][] = [
  ['return_cases_recent', []],
  ['return_cases_stage_recent', ['stage']],
  ['return_cases_destination_recent', ['destination_country']],
  ['return_cases_programme_recent', ['programme_code']],
  ['return_cases_outcome_recent', ['outcome']],
];

/** Indexes for GET /returns: a page is read off an index in order instead of sorting the whole table. */
export class CaseListIndexes1765400000000 implements MigrationInterface {
  name = 'CaseListIndexes1765400000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [name, leading] of INDEXES) {
      const columns = [...leading.map((c) => `"${c}"`), '"created_at" DESC', '"case_ref"'].join(', ');
      await q.query(`CREATE INDEX "${name}" ON "return_cases" (${columns})`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name] of INDEXES) await q.query(`DROP INDEX "${name}"`);
  }
}
