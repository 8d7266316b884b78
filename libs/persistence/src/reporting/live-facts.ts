import type { EntityManager } from 'typeorm';
import { ageGroup, ageOn, CLOSURE_OUTCOMES, SEX_NOT_RECORDED, type ReturnStage } from '@avrr/contracts';
import {
  CasePersonEntity,
  DisbursementEntity,
  ItineraryEntity,
  MonitoringVisitEntity,
  ReintegrationPlanEntity,
  ReportCaseEntity,
  ReturnAllowanceEntity,
  ReturnCaseEntity,
  type ReportPerson,
} from '../entities';
import { countFacts } from './report-ledger';
import type { Fact } from './report-facts';

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
 * Brings the reporting projection of a live case up to date with its rows: called in the transaction of every
 * timeline event (a step, a stage, a closure), it reads what the case now holds and counts what was not counted.
 * Reading the rows rather than the event's kind keeps it right however the step was recorded.
 */
export async function projectLiveCase(
  manager: EntityManager,
  caseRef: string,
  eventKind: string,
  eventKey: string | null = null,
): Promise<void> {
  // A staff step whose rows are written but not yet accepted by the workflow is not counted from those rows: its
  // settling writes its own timeline event (keyed step/<update id>), which counts them then.
  const pending: { step: string }[] = await manager.query(
    `SELECT step FROM case_steps WHERE case_ref = $1 AND status = 'pending' AND 'step/' || update_id <> $2`,
    [caseRef, eventKey ?? ''],
  );
  const heldBack = pending.flatMap(({ step }) => HELD_BACK_BY_PENDING[step] ?? []);
  const returnCase = await manager.findOne(ReturnCaseEntity, { where: { caseRef }, relations: { persons: true } });
  if (!returnCase) return;
  const reportCase = await reportCaseOf(manager, returnCase);
  if (reportCase.source !== 'live') return;
  const today = new Date().toISOString().slice(0, 10);
  const day = (at: Date | null) => (at ? at.toISOString().slice(0, 10) : today);
  const opened = reportCase.openedOn;
  const facts: Fact[] = [{ key: 'counselled', metric: 'counselled', on: opened }];
  if (returnCase.outcome === 'ineligible') {
    facts.push({ key: 'refused', metric: 'refused', on: opened, detail: returnCase.outcomeReason ?? 'not recorded' });
  } else facts.push({ key: 'eligible', metric: 'eligible', on: opened });
  if (returnCase.declarationSignedOn) {
    facts.push({ key: 'declared', metric: 'declared', on: returnCase.declarationSignedOn });
  }
  const home = returnCase.outcome !== null && HOME.includes(returnCase.outcome);
  if (eventKind === 'departure-recorded' || AFTER_DEPARTURE.includes(returnCase.stage) || home) {
    facts.push({ key: 'departed', metric: 'departed', on: today });
  }
  if (eventKind === 'arrival-recorded' || AFTER_ARRIVAL.includes(returnCase.stage) || home) {
    facts.push({ key: 'arrived', metric: 'arrived', on: today });
  }
  const persons = new Map(returnCase.persons.map((p) => [p.id, reportPerson(p, opened)]));
  for (const allowance of await manager.findBy(ReturnAllowanceEntity, { caseRef })) {
    facts.push({
      key: `allowance:${allowance.personId}`,
      metric: 'allowances',
      on: day(allowance.handedOverAt),
      people: [persons.get(allowance.personId) ?? { sex: SEX_NOT_RECORDED, ageGroup: '18-24' }],
      detail: allowance.currency,
      amount: Number(allowance.amount),
    });
  }
  const plan = await manager.findOneBy(ReintegrationPlanEntity, { caseRef });
  if (plan?.approvedAt) {
    const { total, currency, approvedAt } = plan;
    facts.push({ key: 'plan', metric: 'plans-approved', on: day(approvedAt), detail: currency, amount: Number(total) });
  }
  for (const tranche of await manager.findBy(DisbursementEntity, { caseRef })) {
    if (!['paid', 'closed', 'expired'].includes(tranche.status)) continue;
    const money = { detail: tranche.currency, amount: Number(tranche.amount) };
    const metric = tranche.method === 'voucher' ? 'tranches-voucher' : 'tranches-vendor';
    facts.push({ key: `tranche:${tranche.tranche}`, metric, on: today, ...money });
    if (tranche.status === 'expired') {
      facts.push({ key: `tranche-expired:${tranche.tranche}`, metric: 'tranches-expired', on: today, ...money });
    }
  }
  for (const visit of await manager.findBy(MonitoringVisitEntity, { caseRef })) {
    const key = `visit:${visit.followUp}`;
    if (visit.status === 'missed') facts.push({ key, metric: 'visits-missed', on: day(visit.dueAt) });
    else facts.push({ key, metric: 'visits-done', on: visit.visitedOn ?? today, scores: visit.scores ?? undefined });
  }
  if (returnCase.outcome) {
    const on = day(returnCase.closedAt);
    facts.push({ key: 'closed', metric: 'closed', on, detail: returnCase.outcome });
    if (returnCase.outcome === 'withdrawn') {
      const booked = await manager.existsBy(ItineraryEntity, { caseRef });
      facts.push({ key: 'withdrawn', metric: booked ? 'withdrawn-after-booking' : 'withdrawn-before-booking', on });
    }
  }
  const counted = facts.filter((fact) => !heldBack.some((prefix) => fact.key.startsWith(prefix)));
  await countFacts(manager, caseRef, reportCase, counted);
}

/** The case's projection row, written the first time the case is seen. */
async function reportCaseOf(manager: EntityManager, returnCase: ReturnCaseEntity): Promise<ReportCaseEntity> {
  const existing = await manager.findOneBy(ReportCaseEntity, { caseRef: returnCase.caseRef });
  if (existing) return existing;
  const openedOn = returnCase.createdAt.toISOString().slice(0, 10);
  const ordered = [...returnCase.persons].sort((a, b) =>
    a.role === b.role ? a.dateOfBirth.localeCompare(b.dateOfBirth) : a.role === 'returnee' ? -1 : 1,
  );
  const row: ReportCaseEntity = {
    caseRef: returnCase.caseRef,
    programmeCode: returnCase.programmeCode,
    hostCountry: returnCase.hostCountry,
    destinationCountry: returnCase.destinationCountry,
    targetGroup: returnCase.targetGroup,
    vulnerabilities: returnCase.vulnerabilities,
    people: ordered.map((person) => reportPerson(person, openedOn)),
    openedOn,
    source: 'live',
    importDigest: null,
  };
  await manager.createQueryBuilder().insert().into(ReportCaseEntity).values(row).orIgnore().execute();
  return row;
}

function reportPerson(person: CasePersonEntity, openedOn: string): ReportPerson {
  return { sex: person.sex ?? SEX_NOT_RECORDED, ageGroup: ageGroup(ageOn(person.dateOfBirth, openedOn)) };
}
