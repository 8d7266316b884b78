import type { EntityManager } from 'typeorm';
import { STAGE_SPANS } from '@avrr/contracts';
import { incrementsFor, summed, type Fact, type ReportCase, type TallyIncrement } from './report-facts';

const MILESTONE_KEYS = [...new Set<string>(Object.values(STAGE_SPANS).flat())];

/**
 * Counts facts of one case in the tallies, each once: the ledger (report_facts) keeps which facts were counted,
 * and only the ones it did not hold yet are added. Runs in the caller's transaction, so the count commits with
 * the step that made it true, or not at all.
 */
export async function countFacts(
  manager: EntityManager,
  caseRef: string,
  reportCase: ReportCase,
  facts: Fact[],
): Promise<void> {
  if (facts.length === 0) return;
  const inserted: { fact: string }[] = await manager.query(
    `INSERT INTO report_facts (case_ref, fact, occurred_on, detail)
     SELECT $1, * FROM unnest($2::varchar[], $3::date[], $4::varchar[])
     ON CONFLICT DO NOTHING RETURNING fact`,
    [caseRef, facts.map((f) => f.key), facts.map((f) => f.on), facts.map((f) => f.detail ?? null)],
  );
  if (inserted.length === 0) return;
  const fresh = new Set(inserted.map((row) => row.fact));
  const earlier: { fact: string; on: string }[] = await manager.query(
    `SELECT fact, to_char(occurred_on, 'YYYY-MM-DD') AS "on" FROM report_facts
     WHERE case_ref = $1 AND fact = ANY($2::varchar[]) AND NOT (fact = ANY($3::varchar[]))`,
    [caseRef, MILESTONE_KEYS, [...fresh]],
  );
  const milestones = new Map(earlier.map((row) => [row.fact, row.on]));
  await addToTallies(
    manager,
    incrementsFor(
      reportCase,
      facts.filter((f) => fresh.has(f.key)),
      milestones,
    ),
  );
}

/** Adds increments to the tallies in one statement. */
export async function addToTallies(manager: EntityManager, increments: TallyIncrement[]): Promise<void> {
  const rows = summed(increments);
  if (rows.length === 0) return;
  const column = <K extends keyof TallyIncrement>(key: K) => rows.map((row) => row[key]);
  await manager.query(
    `INSERT INTO report_tallies (programme_code, grain, period, metric, dimension, value, count, amount)
     SELECT * FROM unnest($1::varchar[], $2::char[], $3::date[], $4::varchar[], $5::varchar[], $6::varchar[],
       $7::bigint[], $8::numeric[])
     ON CONFLICT (programme_code, grain, period, metric, dimension, value) DO UPDATE
     SET count = report_tallies.count + EXCLUDED.count, amount = report_tallies.amount + EXCLUDED.amount`,
    [
      column('programmeCode'),
      column('grain'),
      column('period'),
      column('metric'),
      column('dimension'),
      column('value'),
      column('count'),
      rows.map((row) => row.amount.toFixed(4)),
    ],
  );
}
