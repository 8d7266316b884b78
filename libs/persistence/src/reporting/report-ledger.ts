import type { EntityManager } from 'typeorm';
import { preparedQuery } from '../prepared-query';
import type { ReportCaseEntity } from '../entities';
import { incrementsByFact, summed, type Fact, type ReportCase, type TallyIncrement } from './report-facts';

/** Adds a row's count and amount to the tally it names, or starts that tally. */
const ADD_TO_TALLY = `ON CONFLICT (programme_code, grain, period, metric, dimension, value) DO UPDATE
  SET count = report_tallies.count + EXCLUDED.count, amount = report_tallies.amount + EXCLUDED.amount`;

/** The increments as one array per column, in the order of the tally's columns. */
function tallyColumns(rows: TallyIncrement[]): unknown[][] {
  const column = <K extends keyof TallyIncrement>(key: K) => rows.map((row) => row[key]);
  return [
    column('programmeCode'),
    column('grain'),
    column('period'),
    column('metric'),
    column('dimension'),
    column('value'),
    column('count'),
    rows.map((row) => row.amount.toFixed(4)),
  ];
}

/** The order tally rows are locked in, by every statement that adds to them: concurrent writers never deadlock. */
const TALLY_ORDER = `programme_code COLLATE "C", grain, period, metric COLLATE "C", dimension COLLATE "C", value COLLATE "C"`;

/**
 * Counts facts of one case in the tallies, each once, in one statement: the ledger (report_facts) keeps which facts
 * were counted, and only the increments of the facts it did not hold yet are added. `milestones`: the dates of the
 * case's milestones counted before; `newCase`: the case's projection row, written with its first facts. Runs in the
 * caller's transaction when there is one.
 */
export async function countFacts(
  manager: EntityManager,
  caseRef: string,
  reportCase: ReportCase,
  facts: Fact[],
  milestones: Map<string, string>,
  newCase: ReportCaseEntity | null = null,
): Promise<void> {
  if (facts.length === 0 && !newCase) return;
  const increments = incrementsByFact(reportCase, facts, new Map(milestones));
  await preparedQuery(
    manager,
    `WITH reported AS (
       INSERT INTO report_cases (case_ref, programme_code, host_country, destination_country, target_group,
         vulnerabilities, people, opened_on, source, import_digest)
       SELECT $1, r.programme_code, r.host_country, r.destination_country, r.target_group, r.vulnerabilities, r.people,
         r.opened_on, r.source, r.import_digest
       FROM jsonb_to_record($2::jsonb) AS r (programme_code varchar, host_country char(2), destination_country char(2),
         target_group varchar, vulnerabilities text[], people jsonb, opened_on date, source varchar, import_digest varchar)
       WHERE $2::jsonb IS NOT NULL
       ON CONFLICT DO NOTHING
     ),
     inserted AS (
       INSERT INTO report_facts (case_ref, fact, occurred_on, detail)
       SELECT $1, * FROM unnest($3::varchar[], $4::date[], $5::varchar[])
       ON CONFLICT DO NOTHING RETURNING fact
     )
     INSERT INTO report_tallies (programme_code, grain, period, metric, dimension, value, count, amount)
     SELECT programme_code, grain, period, metric, dimension, value, sum(count), sum(amount)
     FROM unnest($6::varchar[], $7::varchar[], $8::char[], $9::date[], $10::varchar[], $11::varchar[], $12::varchar[],
       $13::bigint[], $14::numeric[])
       AS i (fact, programme_code, grain, period, metric, dimension, value, count, amount)
     WHERE i.fact IN (SELECT fact FROM inserted)
     GROUP BY programme_code, grain, period, metric, dimension, value
     ORDER BY ${TALLY_ORDER}
     ${ADD_TO_TALLY}`,
    [
      caseRef,
      newCase && {
        programme_code: newCase.programmeCode,
        host_country: newCase.hostCountry,
        destination_country: newCase.destinationCountry,
        target_group: newCase.targetGroup,
        vulnerabilities: newCase.vulnerabilities,
        people: newCase.people,
        opened_on: newCase.openedOn,
        source: newCase.source,
        import_digest: newCase.importDigest,
      },
      facts.map((f) => f.key),
      facts.map((f) => f.on),
      facts.map((f) => f.detail ?? null),
      increments.map((row) => row.fact),
      ...tallyColumns(increments),
    ],
  );
}

/** Adds increments to the tallies in one statement. */
export async function addToTallies(manager: EntityManager, increments: TallyIncrement[]): Promise<void> {
  const rows = summed(increments);
  if (rows.length === 0) return;
  await preparedQuery(
    manager,
    `INSERT INTO report_tallies (programme_code, grain, period, metric, dimension, value, count, amount)
     SELECT * FROM unnest($1::varchar[], $2::char[], $3::date[], $4::varchar[], $5::varchar[], $6::varchar[],
       $7::bigint[], $8::numeric[]) AS i (programme_code, grain, period, metric, dimension, value, count, amount)
     ORDER BY ${TALLY_ORDER}
     ${ADD_TO_TALLY}`,
    tallyColumns(rows),
  );
}
