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
  // The facts new to the ledger, and the milestones it held before (this statement's inserts are not seen by its read).
  const [{ fresh, earlier }]: { fresh: string[] | null; earlier: { fact: string; on: string }[] | null }[] =
    await manager.query(
      `WITH inserted AS (
         INSERT INTO report_facts (case_ref, fact, occurred_on, detail)
         SELECT $1, * FROM unnest($2::varchar[], $3::date[], $4::varchar[])
         ON CONFLICT DO NOTHING RETURNING fact
       )
       SELECT (SELECT json_agg(fact) FROM inserted) AS fresh,
         (SELECT json_agg(json_build_object('fact', fact, 'on', to_char(occurred_on, 'YYYY-MM-DD')))
          FROM report_facts WHERE case_ref = $1 AND fact = ANY($5::varchar[])) AS earlier`,
      [caseRef, facts.map((f) => f.key), facts.map((f) => f.on), facts.map((f) => f.detail ?? null), MILESTONE_KEYS],
    );
  if (!fresh) return;
  const counted = new Set(fresh);
  const milestones = new Map((earlier ?? []).map((row) => [row.fact, row.on]));
  await addToTallies(
    manager,
    incrementsFor(
      reportCase,
      facts.filter((f) => counted.has(f.key)),
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
