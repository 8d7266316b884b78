import type { EntityManager } from 'typeorm';
import {
  preparedQuery,
  type AccommodationEntity,
  type CaseStatusEntity,
  type CasePersonEntity,
  type CounsellingSessionEntity,
  type DisbursementEntity,
  type EscortEntity,
  type ItineraryEntity,
  type MonitoringVisitEntity,
  type ReintegrationPlanEntity,
  type ReturnAllowanceEntity,
  type ReturnCaseEntity,
  type TimelineEventEntity,
  type TravelCheckEntity,
  type TravelDocumentEntity,
} from '@avrr/persistence';

type Row<E, K extends keyof E> = Pick<E, K>;

/** Everything recorded about one case that its view shows, with the fields and types of the entities. */
export interface CaseFile {
  returnCase: Row<
    ReturnCaseEntity,
    | 'caseRef'
    | 'programmeCode'
    | 'policyVersion'
    | 'hostCountry'
    | 'destinationCountry'
    | 'destinationCity'
    | 'targetGroup'
    | 'vulnerabilities'
    | 'stage'
    | 'outcome'
    | 'outcomeReason'
    | 'declarationSignedOn'
    | 'workflowId'
    | 'createdAt'
  > & { persons: Row<CasePersonEntity, 'role' | 'givenName' | 'familyName' | 'dateOfBirth' | 'nationality'>[] };
  published: Row<CaseStatusEntity, 'runId' | 'runStatus' | 'status'> | null;
  /** Some activity of the return failed an attempt and is retried (case_retries). */
  retrying: boolean;
  timeline: (Row<TimelineEventEntity, 'occurredAt' | 'kind' | 'summary' | 'actor'> & { actorName: string | null })[];
  document: Row<
    TravelDocumentEntity,
    'documentType' | 'documentNumber' | 'expiresOn' | 'recordedBy' | 'recordedAt'
  > | null;
  counselling: Row<CounsellingSessionEntity, 'heldOn' | 'topics' | 'counsellor'>[];
  pending: { step: string; createdAt: Date }[];
  checks: Row<TravelCheckEntity, 'check' | 'doneOn' | 'note' | 'recordedBy'>[];
  escort: Row<EscortEntity, 'kind' | 'givenName' | 'familyName'> | null;
  itineraries: Row<ItineraryEntity, 'bookingRef' | 'channel' | 'segments' | 'status'>[];
  accommodation: Row<AccommodationEntity, 'from' | 'until' | 'status'> | null;
  allowances: (Row<ReturnAllowanceEntity, 'amount' | 'currency' | 'handedOverAt'> & { givenName: string })[];
  plan: Row<
    ReintegrationPlanEntity,
    'items' | 'total' | 'currency' | 'submittedBy' | 'approvedBy' | 'approvedAt'
  > | null;
  tranches: Row<
    DisbursementEntity,
    | 'tranche'
    | 'method'
    | 'amount'
    | 'currency'
    | 'status'
    | 'vendorCategory'
    | 'vendorName'
    | 'invoiceRef'
    | 'requestedBy'
    | 'approvedBy'
    | 'voucherCode'
    | 'paymentRef'
    | 'expiresAt'
    | 'handoverRef'
    | 'cancelledBy'
    | 'cancelReason'
  >[];
  visits: Row<
    MonitoringVisitEntity,
    'followUp' | 'status' | 'visitedOn' | 'scores' | 'policyVersion' | 'surveyVersion' | 'recordedBy'
  >[];
}

/** A column as the JSON carries it: times as whole milliseconds (read back as Dates), amounts as their text. */
const time = (column: string) => `floor(extract(epoch from ${column}) * 1000)`;
const amount = (column: string) => `${column}::text`;

/** `json_build_object` of camelCase keys; a key maps to its snake_case column unless an expression is given. */
function object(alias: string, fields: (string | [string, string])[]): string {
  const pairs = fields.map((field) => {
    const [key, expression] = Array.isArray(field) ? field : [field, `${alias}.${snake(field)}`];
    return `'${key}', ${expression}`;
  });
  return `json_build_object(${pairs.join(', ')})`;
}

const list = (table: string, fields: (string | [string, string])[], order: string) =>
  `(SELECT coalesce(json_agg(${object('t', fields)} ORDER BY ${order}), '[]'::json) FROM ${table} t WHERE t.case_ref = $1)`;
const one = (table: string, fields: (string | [string, string])[]) =>
  `(SELECT ${object('t', fields)} FROM ${table} t WHERE t.case_ref = $1)`;

/** One statement: the case view costs one round trip to PostgreSQL, whatever the case holds. */
const CASE_FILE = `SELECT
  (SELECT ${object('c', [
    'caseRef',
    'programmeCode',
    'policyVersion',
    'hostCountry',
    'destinationCountry',
    'destinationCity',
    'targetGroup',
    'vulnerabilities',
    'stage',
    'outcome',
    'outcomeReason',
    'declarationSignedOn',
    'workflowId',
    ['createdAt', time('c.created_at')],
    [
      'persons',
      `(SELECT coalesce(json_agg(${object('p', ['role', 'givenName', 'familyName', 'dateOfBirth', 'nationality'])}
        ORDER BY p.role DESC, p.date_of_birth ASC), '[]'::json) FROM case_persons p WHERE p.case_ref = c.case_ref)`,
    ],
  ])} FROM return_cases c WHERE c.case_ref = $1) AS "returnCase",
  ${one('case_statuses', ['runId', 'runStatus', 'status'])} AS "published",
  EXISTS (SELECT 1 FROM case_retries t WHERE t.case_ref = $1) AS "retrying",
  ${list(
    'case_timeline',
    [
      ['occurredAt', time('t.occurred_at')],
      'kind',
      'summary',
      'actor',
      [
        'actorName',
        `(SELECT s.display_name FROM staff_users s
          WHERE s.id = CASE WHEN t.actor ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN t.actor::uuid END)`,
      ],
    ],
    't.occurred_at, t.id',
  )} AS "timeline",
  ${one('travel_documents', ['documentType', 'documentNumber', 'expiresOn', 'recordedBy', ['recordedAt', time('t.recorded_at')]])} AS "document",
  ${list('counselling_sessions', ['heldOn', 'topics', 'counsellor'], 't.held_on')} AS "counselling",
  (SELECT coalesce(json_agg(${object('t', ['step', ['createdAt', time('t.created_at')]])} ORDER BY t.created_at), '[]'::json)
    FROM case_steps t WHERE t.case_ref = $1 AND t.status = 'pending') AS "pending",
  ${list('travel_checks', ['check', 'doneOn', 'note', 'recordedBy'], 't.recorded_at')} AS "checks",
  ${one('escorts', ['kind', 'givenName', 'familyName'])} AS "escort",
  ${list('itineraries', ['bookingRef', 'channel', 'segments', 'status'], 't.booked_at DESC')} AS "itineraries",
  ${one('accommodations', [['from', 't.from_date'], ['until', 't.until_date'], 'status'])} AS "accommodation",
  (SELECT coalesce(json_agg(${object('t', [
    ['amount', amount('t.amount')],
    'currency',
    ['handedOverAt', time('t.handed_over_at')],
    ['givenName', 'p.given_name'],
  ])}), '[]'::json) FROM return_allowances t JOIN case_persons p ON p.id = t.person_id WHERE t.case_ref = $1) AS "allowances",
  ${one('reintegration_plans', ['items', ['total', amount('t.total')], 'currency', 'submittedBy', 'approvedBy', ['approvedAt', time('t.approved_at')]])} AS "plan",
  ${list(
    'disbursements',
    [
      'tranche',
      'method',
      ['amount', amount('t.amount')],
      'currency',
      'status',
      'vendorCategory',
      'vendorName',
      'invoiceRef',
      'requestedBy',
      'approvedBy',
      'voucherCode',
      'paymentRef',
      ['expiresAt', time('t.expires_at')],
      'handoverRef',
      'cancelledBy',
      'cancelReason',
    ],
    't.tranche',
  )} AS "tranches",
  ${list('monitoring_visits', ['followUp', 'status', 'visitedOn', 'scores', 'policyVersion', 'surveyVersion', 'recordedBy'], 't.follow_up')} AS "visits"`;

/** The case and all its view shows, in one round trip; null when there is no such case. */
export async function readCaseFile(manager: EntityManager, caseRef: string): Promise<CaseFile | null> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the row as PostgreSQL's JSON builds it, typed below
  const [row] = await preparedQuery<any>(manager, CASE_FILE, [caseRef]);
  if (!row?.returnCase) return null;
  const at = (ms: number | null) => (ms === null ? null : new Date(ms));
  return {
    ...row,
    returnCase: { ...row.returnCase, createdAt: at(row.returnCase.createdAt) },
    timeline: row.timeline.map((e: { occurredAt: number }) => ({ ...e, occurredAt: at(e.occurredAt) })),
    document: row.document && { ...row.document, recordedAt: at(row.document.recordedAt) },
    pending: row.pending.map((p: { createdAt: number }) => ({ ...p, createdAt: at(p.createdAt) })),
    allowances: row.allowances.map((a: { handedOverAt: number }) => ({ ...a, handedOverAt: at(a.handedOverAt) })),
    plan: row.plan && { ...row.plan, approvedAt: at(row.plan.approvedAt) },
    tranches: row.tranches.map((t: { expiresAt: number | null }) => ({ ...t, expiresAt: at(t.expiresAt) })),
  } as CaseFile;
}

function snake(camel: string): string {
  return camel.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
