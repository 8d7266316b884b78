import type { ReintegrationCategory } from '@avrr/contracts';
import type { StaffPrincipal } from '../auth/principal';
import type { Role } from '../auth/roles';
import type { ReturnView, TimelineEntryView } from './return-view';

/** What a reader without access to a field sees in its place. */
export const RESTRICTED = 'restricted';

/**
 * Who sees the sensitive details of a case: the one table, shown in the README. The case workers and supervisors
 * who counsel, plan the journey and hand over vouchers need them; finance officers (amounts and approvals),
 * monitors (follow-ups) and auditors (who did what) read the case with these fields masked.
 */
export const FIELD_ACCESS = {
  /** The target group and vulnerabilities: trafficking, torture, a lone child, health needs. */
  protectionNeeds: ['case-worker', 'supervisor'],
  /**
   * The travel checks (fit to travel, family tracing: each tells of a health need or a lone child) and their notes, the
   * escort (medical or humanitarian), and a reintegration plan's medical care, wherever the case names them: its
   * lists, its timeline, what it waits for.
   */
  healthDetails: ['case-worker', 'supervisor'],
  /** The travel document's number: its last 4 characters for those who may see it, nothing for others. */
  documentNumber: ['case-worker', 'supervisor'],
  /** A voucher's code is a bearer credential: whoever holds it can redeem it. */
  voucherCode: ['case-worker', 'supervisor'],
  /**
   * What a reintegration plan's items say (care for an illness, a trade), typed by staff as the returnee tells them.
   * Their amounts, and categories but medical care, stay shown.
   */
  planDetails: ['case-worker', 'supervisor'],
} as const satisfies Record<string, readonly Role[]>;

export type SensitiveField = keyof typeof FIELD_ACCESS;

export function mayRead(user: StaffPrincipal, field: SensitiveField): boolean {
  const allowed: readonly Role[] = FIELD_ACCESS[field];
  return user.roles.some((role) => allowed.includes(role));
}

/** The case as the user may read it: each sensitive field masked unless their role is in its row of the table. */
export function maskedFor(user: StaffPrincipal, view: ReturnView): ReturnView {
  const may = (field: SensitiveField) => mayRead(user, field);
  return {
    ...view,
    targetGroup: may('protectionNeeds') ? view.targetGroup : RESTRICTED,
    vulnerabilities: may('protectionNeeds') ? view.vulnerabilities : [RESTRICTED],
    ...(may('healthDetails') ? {} : withoutHealthDetails(view)),
    timeline: view.timeline.map((line) => maskedLine(line, may)),
    travelDocument:
      !view.travelDocument || may('documentNumber')
        ? view.travelDocument
        : { ...view.travelDocument, documentNumber: RESTRICTED },
    reintegration: maskedReintegration(view.reintegration, may),
  };
}

function maskedReintegration(
  reintegration: ReturnView['reintegration'],
  may: (field: SensitiveField) => boolean,
): ReturnView['reintegration'] {
  const { plan, disbursements } = reintegration;
  return {
    ...reintegration,
    plan: plan && {
      ...plan,
      items: plan.items.map((item) => ({
        ...item,
        category: item.category === MEDICAL_CARE && !may('healthDetails') ? RESTRICTED : item.category,
        description: may('planDetails') ? item.description : RESTRICTED,
      })),
    },
    disbursements: may('voucherCode')
      ? disbursements
      : disbursements.map((d) => ({ ...d, voucherCode: d.voucherCode && RESTRICTED })),
  };
}

/** How the flights' line in the timeline says an escort travels (JourneyService writes it). */
export const WITH_AN_ESCORT = ', with an escort';
/** The timeline's line of a travel check, as a reader without health details reads it. */
const CHECK_LINE = { kind: 'travel-check-recorded', masked: 'A travel check recorded (restricted)' };
/** The timeline's line of a travel document names its number as maskDocumentNumber shows it (ReturnsService). */
const DOCUMENT_LINE = { kind: 'travel-document-recorded', number: /\*{5}\S{0,4}/ };
/** The plan's category that tells of a health need. */
const MEDICAL_CARE: ReintegrationCategory = 'medical-care';
/** The timeline's line of a plan names each item's category (AftercareService.recordPlan). */
const PLAN_LINE = { kind: 'plan-recorded', medicalCare: new RegExp(`\\b${MEDICAL_CARE}\\b`, 'g') };
/** What the case waits for before booking while checks are missing (showArrangements in the workflow). */
const WAITS_FOR_CHECKS = / to be recorded before booking$/;

function withoutHealthDetails(view: ReturnView): Partial<ReturnView> {
  const { escort, waitingFor } = view;
  return {
    travelChecks: view.travelChecks.map((c) => ({ ...c, check: RESTRICTED, note: RESTRICTED })),
    escort: escort && { kind: RESTRICTED, givenName: RESTRICTED, familyName: RESTRICTED },
    waitingFor:
      waitingFor && WAITS_FOR_CHECKS.test(waitingFor.what)
        ? { ...waitingFor, what: 'travel checks (restricted) to be recorded before booking' }
        : waitingFor,
  };
}

/** A line of the timeline as the user may read it: the health details and the document number it names masked. */
function maskedLine(line: TimelineEntryView, may: (field: SensitiveField) => boolean): TimelineEntryView {
  if (!may('healthDetails') && line.kind === CHECK_LINE.kind) return { ...line, summary: CHECK_LINE.masked };
  let summary = line.summary;
  if (!may('healthDetails')) summary = summary.replace(WITH_AN_ESCORT, '');
  if (!may('healthDetails') && line.kind === PLAN_LINE.kind)
    summary = summary.replace(PLAN_LINE.medicalCare, RESTRICTED);
  if (!may('documentNumber') && line.kind === DOCUMENT_LINE.kind)
    summary = summary.replace(DOCUMENT_LINE.number, `(number ${RESTRICTED})`);
  return summary === line.summary ? line : { ...line, summary };
}
