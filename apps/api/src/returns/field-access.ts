import type { StaffPrincipal } from '../auth/principal';
import type { Role } from '../auth/roles';
import type { ReturnView } from './return-view';

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
  /** The fit-to-travel and family-tracing notes, and the kind of escort (medical or humanitarian). */
  healthDetails: ['case-worker', 'supervisor'],
  /** The travel document's number: its last 4 characters for those who may see it, nothing for others. */
  documentNumber: ['case-worker', 'supervisor'],
  /** A voucher's code is a bearer credential: whoever holds it can redeem it. */
  voucherCode: ['case-worker', 'supervisor'],
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
    travelChecks: may('healthDetails') ? view.travelChecks : view.travelChecks.map((c) => ({ ...c, note: RESTRICTED })),
    escort: !view.escort || may('healthDetails') ? view.escort : { ...view.escort, kind: RESTRICTED },
    travelDocument:
      !view.travelDocument || may('documentNumber')
        ? view.travelDocument
        : { ...view.travelDocument, documentNumber: RESTRICTED },
    reintegration: may('voucherCode')
      ? view.reintegration
      : {
          ...view.reintegration,
          disbursements: view.reintegration.disbursements.map((d) => ({
            ...d,
            voucherCode: d.voucherCode && RESTRICTED,
          })),
        },
  };
}
