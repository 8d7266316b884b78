import type { ReintegrationPolicy } from './reintegration';
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

/** Vulnerabilities assessed at intake; some add steps to the journey (see TravelPolicy). */
export const VULNERABILITIES = [
  'victim-of-trafficking',
  'unaccompanied-child',
  'medical-need',
  'disability',
  'elderly',
  'pregnancy',
  'single-parent',
  'victim-of-torture',
] as const;
export type Vulnerability = (typeof VULNERABILITIES)[number];

/** When a partner must answer, how often it is reminded after that, and when a supervisor is told. */
export interface PartnerStepPolicy {
  /** How long after the request the partner's answer is due. */
  dueAfter: IsoDuration;
  /** How often the partner is reminded once the answer is overdue. */
  reminderEvery: IsoDuration;
  /** How long after the request a still-missing answer is escalated to the programme's supervisors. */
  escalateAfter: IsoDuration;
}

/** How a programme buys tickets: through the agency's booking API, or by e-mail with staff recording the answer. */
export const BOOKING_CHANNELS = ['agency-api', 'agency-email'] as const;
export type BookingChannel = (typeof BOOKING_CHANNELS)[number];

/** From the booked flights to the final destination. */
export interface TravelPolicy {
  booking: BookingChannel;
  /** The travel agency (its code in the partner directory) that e-mailed booking requests go to. */
  agencyCode: string;
  /** The agency's itinerary, after an e-mailed booking request. */
  agencyAnswer: PartnerStepPolicy;
  /**
   * Each confirmation on the way (departure, each transit, arrival), measured from the flight's scheduled
   * departure: due `dueAfter` after it, escalated `escalateAfter` after it.
   */
  confirmations: PartnerStepPolicy;
  /**
   * How long before the first flight's scheduled departure the departure may be confirmed (DEPARTURE_CONFIRMABLE_FROM
   * when the policy does not say): an earlier confirmation is a mistake, and would end the right to withdraw.
   */
  departureConfirmableFrom?: IsoDuration;
  /**
   * How long before the scheduled departure of the flight that takes the travellers there a transit or the arrival
   * may be confirmed (when the policy does not say: not before that flight leaves).
   */
  arrivalConfirmableFrom?: IsoDuration;
  /** The mission's confirmation that the travellers reached their final destination, from their arrival. */
  onwardTravel: PartnerStepPolicy;
  /** Vulnerabilities that need a fit-to-travel confirmation before booking. */
  fitToTravelFor: Vulnerability[];
  /** Vulnerabilities that need a medical or humanitarian escort on the same flights. */
  escortFor: Vulnerability[];
  /** Vulnerabilities that need family tracing recorded before booking (an unaccompanied child). */
  familyTracingFor: Vulnerability[];
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
  travel: TravelPolicy;
  reintegration: ReintegrationPolicy;
}

/**
 * The travel policy of versions published before it existed: e-mail booking, confirmations within a day,
 * and the vulnerability steps IOM programmes apply.
 */
export const DEFAULT_TRAVEL_POLICY: TravelPolicy = {
  booking: 'agency-email',
  agencyCode: 'DEFAULT',
  agencyAnswer: { dueAfter: 'P3D', reminderEvery: 'P2D', escalateAfter: 'P7D' },
  confirmations: { dueAfter: 'PT12H', reminderEvery: 'PT12H', escalateAfter: 'P2D' },
  onwardTravel: { dueAfter: 'P2D', reminderEvery: 'P1D', escalateAfter: 'P5D' },
  fitToTravelFor: ['medical-need', 'pregnancy'],
  escortFor: ['medical-need', 'unaccompanied-child'],
  familyTracingFor: ['unaccompanied-child'],
};

/** Steps a case's vulnerabilities add before its flights may be booked. */
export const TRAVEL_CHECKS = ['fit-to-travel', 'family-tracing'] as const;
export type TravelCheck = (typeof TRAVEL_CHECKS)[number];

/** What one case needs for its journey, derived from its vulnerabilities and its pinned policy. */
export interface TravelPlan {
  travel: TravelPolicy;
  checks: TravelCheck[];
  escort: boolean;
}

export function travelPlan(travel: TravelPolicy, vulnerabilities: readonly string[]): TravelPlan {
  const any = (list: readonly string[]) => list.some((v) => vulnerabilities.includes(v));
  return {
    travel,
    checks: [
      ...(any(travel.fitToTravelFor) ? (['fit-to-travel'] as const) : []),
      ...(any(travel.familyTracingFor) ? (['family-tracing'] as const) : []),
    ],
    escort: any(travel.escortFor),
  };
}

/** The policy as a return carries it: the programme's policy, with the code and version it was pinned at. */
export interface ReturnPolicy extends ProgrammePolicy {
  programmeCode: string;
  version: number;
}

/** The day of the flight: check-in, and the airport team meeting the travellers, start hours before it leaves. */
export const DEPARTURE_CONFIRMABLE_FROM: IsoDuration = 'PT6H';
