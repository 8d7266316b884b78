import type { EntityManager } from 'typeorm';
import { preparedQuery } from '../prepared-query';
import { ageGroup, ageOn, CLOSURE_OUTCOMES, SEX_NOT_RECORDED, type ReturnStage } from '@avrr/contracts';
import { ReportCaseEntity, type CasePersonEntity, type MonitoringVisitEntity, type ReportPerson } from '../entities';
import { countFacts } from './report-ledger';
import type { Fact, ReportCase } from './report-facts';

const AFTER_DEPARTURE: (ReturnStage | null)[] = ['transit', 'arrival', 'onward-travel', 'reintegration', 'monitoring'];
const AFTER_ARRIVAL: (ReturnStage | null)[] = ['onward-travel', 'reintegration', 'monitoring'];
const HOME: string[] = ['returned', ...CLOSURE_OUTCOMES];

/** The facts a staff step's own rows make true (by key prefix), not counted while the step awaits the workflow. */
const HELD_BACK_BY_PENDING: Record<string, string[]> = {
  declaration: ['declared'],
  departure: ['departed', 'allowance:'],
  arrival: ['arrived'],
  planApproval: ['plan'],
  monitoringVisit: ['visit:'],
};

/**
 * Brings the reporting projection of a live case up to date with its rows: reads what the case now holds (unless
 * `live` is that read already) and counts, in one statement, what was not counted. Runs in `manager`'s transaction
 * when it has one (an event written there); else after the event. Counting a fact is keyed (report_facts), so a
 * projection repeated or run beside another counts it once; a projection lost to a crash is made good by the case's
 * next event. Reading the rows rather than the event's kind keeps it right however the step was recorded.
 */
export async function projectLiveCase(
  manager: EntityManager,
  caseRef: string,
  eventKind: string,
  eventKey: string | null,
  live?: LiveCase | null,
): Promise<void> {
  await countUncounted(manager, caseRef, eventKind, live ?? (await readLiveCase(manager, caseRef, eventKey)));
}

/** Writes what is left for the case as read: its projection row and the facts not counted yet, if any. */
async function countUncounted(
  manager: EntityManager,
  caseRef: string,
  eventKind: string,
  rows: LiveCase | null,
): Promise<void> {
  if (!rows) return;
  // A staff step whose rows are written but not yet accepted by the workflow is not counted from those rows: its
  // settling writes its own timeline event (keyed step/<update id>), which counts them then.
  const heldBack = rows.pending.flatMap((step) => HELD_BACK_BY_PENDING[step] ?? []);
  if (rows.reportCase && rows.reportCase.source !== 'live') return;
  const newCase = rows.reportCase ? null : newReportCase(caseRef, rows);
  const reportCase = rows.reportCase ?? newCase!;
  const today = new Date().toISOString().slice(0, 10);
  const opened = reportCase.openedOn;
  const facts: Fact[] = [{ key: 'counselled', metric: 'counselled', on: opened }];
  if (rows.outcome === 'ineligible') {
    facts.push({ key: 'refused', metric: 'refused', on: opened, detail: rows.outcomeReason ?? 'not recorded' });
  } else facts.push({ key: 'eligible', metric: 'eligible', on: opened });
  if (rows.declarationSignedOn) {
    facts.push({ key: 'declared', metric: 'declared', on: rows.declarationSignedOn });
  }
  const home = rows.outcome !== null && HOME.includes(rows.outcome);
  if (eventKind === 'departure-recorded' || AFTER_DEPARTURE.includes(rows.stage) || home) {
    facts.push({ key: 'departed', metric: 'departed', on: today });
  }
  if (eventKind === 'arrival-recorded' || AFTER_ARRIVAL.includes(rows.stage) || home) {
    facts.push({ key: 'arrived', metric: 'arrived', on: today });
  }
  const persons = new Map(rows.persons.map((p) => [p.id, reportPerson(p, opened)]));
  for (const allowance of rows.allowances) {
    facts.push({
      key: `allowance:${allowance.personId}`,
      metric: 'allowances',
      on: allowance.handedOverOn,
      people: [persons.get(allowance.personId) ?? { sex: SEX_NOT_RECORDED, ageGroup: '18-24' }],
      detail: allowance.currency,
      amount: Number(allowance.amount),
    });
  }
  const { plan } = rows;
  if (plan?.approvedOn) {
    facts.push({
      key: 'plan',
      metric: 'plans-approved',
      on: plan.approvedOn,
      detail: plan.currency,
      amount: Number(plan.total),
    });
  }
  for (const tranche of rows.tranches) {
    // A cancelled tranche with a voucher was paid, and its voucher voided at closure.
    const voided = tranche.status === 'cancelled' && tranche.issued;
    if (!['paid', 'closed', 'expired'].includes(tranche.status) && !voided) continue;
    const money = { detail: tranche.currency, amount: Number(tranche.amount) };
    const metric = tranche.method === 'voucher' ? 'tranches-voucher' : 'tranches-vendor';
    facts.push({ key: `tranche:${tranche.tranche}`, metric, on: today, ...money });
    if (tranche.status === 'expired') {
      facts.push({ key: `tranche-expired:${tranche.tranche}`, metric: 'tranches-expired', on: today, ...money });
    }
    if (voided)
      facts.push({ key: `tranche-voided:${tranche.tranche}`, metric: 'tranches-voided', on: today, ...money });
  }
  for (const visit of rows.visits) {
    const key = `visit:${visit.followUp}`;
    if (visit.status === 'missed') facts.push({ key, metric: 'visits-missed', on: visit.dueOn ?? today });
    else facts.push({ key, metric: 'visits-done', on: visit.visitedOn ?? today, scores: visit.scores ?? undefined });
  }
  if (rows.outcome) {
    const on = rows.closedOn ?? today;
    facts.push({ key: 'closed', metric: 'closed', on, detail: rows.outcome });
    if (rows.outcome === 'withdrawn') {
      facts.push({
        key: 'withdrawn',
        metric: rows.booked ? 'withdrawn-after-booking' : 'withdrawn-before-booking',
        on,
      });
    }
  }
  const fresh = facts.filter(
    (fact) => !(fact.key in rows.counted) && !heldBack.some((prefix) => fact.key.startsWith(prefix)),
  );
  await countFacts(manager, caseRef, reportCase, fresh, new Map(Object.entries(rows.counted)), newCase);
}

type Person = Pick<CasePersonEntity, 'id' | 'role' | 'dateOfBirth' | 'sex'>;

/** What the projection reads of a live case; days are UTC days (YYYY-MM-DD), as the tallies count them. */
export interface LiveCase {
  programmeCode: string;
  hostCountry: string;
  destinationCountry: string;
  targetGroup: string;
  vulnerabilities: string[];
  openedOn: string;
  stage: ReturnStage | null;
  outcome: string | null;
  outcomeReason: string | null;
  declarationSignedOn: string | null;
  closedOn: string | null;
  persons: Person[];
  /** The steps awaiting the workflow's decision, other than the one settling now. */
  pending: string[];
  reportCase: LiveReportCase | null;
  allowances: { personId: string; handedOverOn: string; currency: string; amount: number | string }[];
  plan: { approvedOn: string | null; currency: string; total: number | string } | null;
  tranches: {
    tranche: number;
    status: string;
    method: string;
    currency: string;
    amount: number | string;
    /** A voucher was issued for it. */
    issued: boolean;
  }[];
  visits: { followUp: number; status: string; dueOn: string | null; visitedOn: string | null; scores: Scores | null }[];
  booked: boolean;
  /** The facts of the case already counted, with the day each happened. */
  counted: Record<string, string>;
}

type LiveReportCase = ReportCase & Pick<ReportCaseEntity, 'source' | 'openedOn'>;
type Scores = MonitoringVisitEntity['scores'];

const utcDay = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;

/**
 * Everything the projection needs of the case, in one round trip. `before`: a data-modifying `WITH` clause sent in
 * the same statement (its parameters from $3), whose writes this read does not see; with `columns`, what the
 * statement answers of them besides.
 */
export async function readLiveCase<Also extends object = object>(
  manager: EntityManager,
  caseRef: string,
  eventKey: string | null,
  before?: { sql: string; parameters: unknown[]; columns?: string },
): Promise<(LiveCase & Also) | null> {
  const [row] = await preparedQuery<LiveCase & Also>(
    manager,
    `${before?.sql ?? ''}
     SELECT ${before?.columns ? `${before.columns},` : ''} c.programme_code AS "programmeCode", c.host_country AS "hostCountry",
       c.destination_country AS "destinationCountry", c.target_group AS "targetGroup", c.vulnerabilities,
       ${utcDay('c.created_at')} AS "openedOn", c.stage, c.outcome, c.outcome_reason AS "outcomeReason",
       to_char(c.declaration_signed_on, 'YYYY-MM-DD') AS "declarationSignedOn", ${utcDay('c.closed_at')} AS "closedOn",
       (SELECT coalesce(json_agg(json_build_object('id', p.id, 'role', p.role,
          'dateOfBirth', to_char(p.date_of_birth, 'YYYY-MM-DD'), 'sex', p.sex)), '[]')
        FROM case_persons p WHERE p.case_ref = c.case_ref) AS persons,
       (SELECT coalesce(json_agg(s.step), '[]') FROM case_steps s
        WHERE s.case_ref = c.case_ref AND s.status = 'pending' AND 'step/' || s.update_id <> $2) AS pending,
       (SELECT json_build_object('source', r.source, 'openedOn', to_char(r.opened_on, 'YYYY-MM-DD'),
          'programmeCode', r.programme_code, 'hostCountry', r.host_country,
          'destinationCountry', r.destination_country, 'targetGroup', r.target_group,
          'vulnerabilities', r.vulnerabilities, 'people', r.people)
        FROM report_cases r WHERE r.case_ref = c.case_ref) AS "reportCase",
       (SELECT coalesce(json_agg(json_build_object('personId', a.person_id,
          'handedOverOn', ${utcDay('a.handed_over_at')}, 'currency', a.currency, 'amount', a.amount)), '[]')
        FROM return_allowances a WHERE a.case_ref = c.case_ref) AS allowances,
       (SELECT json_build_object('approvedOn', ${utcDay('rp.approved_at')}, 'currency', rp.currency, 'total', rp.total)
        FROM reintegration_plans rp WHERE rp.case_ref = c.case_ref) AS plan,
       (SELECT coalesce(json_agg(json_build_object('tranche', d.tranche, 'status', d.status, 'method', d.method,
          'currency', d.currency, 'amount', d.amount, 'issued', d.voucher_code IS NOT NULL)), '[]')
        FROM disbursements d WHERE d.case_ref = c.case_ref) AS tranches,
       (SELECT coalesce(json_agg(json_build_object('followUp', v.follow_up, 'status', v.status,
          'dueOn', ${utcDay('v.due_at')}, 'visitedOn', to_char(v.visited_on, 'YYYY-MM-DD'), 'scores', v.scores)), '[]')
        FROM monitoring_visits v WHERE v.case_ref = c.case_ref) AS visits,
       EXISTS (SELECT 1 FROM itineraries i WHERE i.case_ref = c.case_ref) AS booked,
       (SELECT coalesce(json_object_agg(f.fact, to_char(f.occurred_on, 'YYYY-MM-DD')), '{}')
        FROM report_facts f WHERE f.case_ref = c.case_ref) AS counted
     FROM return_cases c WHERE c.case_ref = $1`,
    [caseRef, eventKey ?? '', ...(before?.parameters ?? [])],
  );
  return row ?? null;
}

/** The case's projection row, written the first time the case is seen. */
function newReportCase(caseRef: string, live: LiveCase): ReportCaseEntity {
  const ordered = [...live.persons].sort((a, b) =>
    a.role === b.role ? a.dateOfBirth.localeCompare(b.dateOfBirth) : a.role === 'returnee' ? -1 : 1,
  );
  return {
    caseRef,
    programmeCode: live.programmeCode,
    hostCountry: live.hostCountry,
    destinationCountry: live.destinationCountry,
    targetGroup: live.targetGroup,
    vulnerabilities: live.vulnerabilities,
    people: ordered.map((person) => reportPerson(person, live.openedOn)),
    openedOn: live.openedOn,
    source: 'live',
    importDigest: null,
  };
}

function reportPerson(person: Person, openedOn: string): ReportPerson {
  return { sex: person.sex ?? SEX_NOT_RECORDED, ageGroup: ageGroup(ageOn(person.dateOfBirth, openedOn)) };
}
