import type { DataSource } from 'typeorm';
import { projectLiveCase } from './live-facts';

/**
 * Projects the cases recorded before the reporting projection existed, each in its own transaction; a case already
 * projected is left alone, so running it twice changes nothing. Facts without a date of their own in the case's rows
 * (departure, arrival, a tranche paid) are dated on the day it runs. Answers how many cases it projected.
 */
export async function projectExistingCases(dataSource: DataSource): Promise<number> {
  const rows: { caseRef: string }[] = await dataSource.query(
    `SELECT r.case_ref AS "caseRef" FROM return_cases r LEFT JOIN report_cases c ON c.case_ref = r.case_ref
     WHERE c.case_ref IS NULL ORDER BY r.created_at`,
  );
  for (const { caseRef } of rows) {
    await projectLiveCase(dataSource.manager, caseRef, 'projection-backfill', null);
  }
  return rows.length;
}
