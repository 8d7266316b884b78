import type { IsoDuration } from './durations';

/** Who a programme may assist (recorded on each case); see the domain's target group. */
export const TARGET_GROUPS = [
  'rejected-asylum-seeker',
  'withdrawn-asylum-seeker',
  'renounced-protection',
  'return-decision',
  'stranded-migrant',
  'victim-of-trafficking',
  'unaccompanied-child',
  'health-needs',
  'other-vulnerable',
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

/** When a partner must answer, how often it is reminded after that, and when a supervisor is told. */
export interface PartnerStepPolicy {
  /** How long after the request the partner's answer is due. */
  dueAfter: IsoDuration;
  /** How often the partner is reminded once the answer is overdue. */
  reminderEvery: IsoDuration;
  /** How long after the request a still-missing answer is escalated to the programme's supervisors. */
  escalateAfter: IsoDuration;
}

/**
 * What a programme's policy revision states. Each revision is a new version; a case pins the version it started
 * with, so a revision never alters a running return. Durations are ISO-8601 so that tests shorten them.
 */
export interface ProgrammePolicy {
  eligibleTargetGroups: TargetGroup[];
  /** ISO 3166-1 alpha-2 codes of destinations the programme considers unsafe for return. */
  closedDestinations: string[];
  /** Countries with an IOM mission or office: reintegration is possible there. */
  missionCountries: string[];
  /** Handed over at departure, per adult. */
  returnAllowance: { amount: number; currency: string };
  /** How long a case may wait for the signed voluntary-return declaration before it expires. */
  declarationWithin: IsoDuration;
  travelDocument: PartnerStepPolicy;
  /** Who receives escalations (supervisors' e-mail addresses). */
  escalationContacts: string[];
}

/** The policy as a return carries it: the programme's policy, with the code and version it was pinned at. */
export interface ReturnPolicy extends ProgrammePolicy {
  programmeCode: string;
  version: number;
}
