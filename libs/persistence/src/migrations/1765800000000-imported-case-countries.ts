import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The history import cast its countries to `char[]`, which PostgreSQL reads as `char(1)[]`: imported cases kept
 * "P " for PK. Their report rows, written apart, hold the whole codes; the cases take them back.
 */
export class ImportedCaseCountries1765800000000 implements MigrationInterface {
  name = 'ImportedCaseCountries1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE return_cases r SET host_country = c.host_country, destination_country = c.destination_country
       FROM report_cases c
       WHERE c.case_ref = r.case_ref AND c.source = 'import'
         AND (r.host_country <> c.host_country OR r.destination_country <> c.destination_country)`,
    );
  }

  async down(): Promise<void> {
    // Nothing to undo: the codes were wrong before.
  }
}
