/** The figures a programme reports to its donor: their names, units and breakdowns, shared by API and tests. */

export const SEXES = ['female', 'male', 'other'] as const;
export type Sex = (typeof SEXES)[number];
/** A person whose sex was not recorded is counted under this value. */
export const SEX_NOT_RECORDED = 'not-recorded';

/** Age at intake, in the bands statistical offices use for migrants (children apart). */
export const AGE_GROUPS = ['0-17', '18-24', '25-34', '35-49', '50-64', '65+'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export function ageGroup(age: number): AgeGroup {
  if (age < 18) return '0-17';
  if (age < 25) return '18-24';
  if (age < 35) return '25-34';
  if (age < 50) return '35-49';
  if (age < 65) return '50-64';
  return '65+';
}

/** Whole years between a birth date and a day, both YYYY-MM-DD. */
export function ageOn(dateOfBirth: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return day.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

/**
 * The figures. "people" figures count each person of the case (returnee and dependants, each with their own sex
 * and age group); "cases" figures count the case once, under its returnee's sex and age group.
 */
export const REPORT_METRICS = {
  counselled: 'people',
  eligible: 'people',
  refused: 'people',
  declared: 'people',
  'withdrawn-before-booking': 'people',
  'withdrawn-after-booking': 'people',
  departed: 'people',
  allowances: 'people',
  arrived: 'people',
  'plans-approved': 'cases',
  'tranches-voucher': 'tranches',
  'tranches-vendor': 'tranches',
  'tranches-expired': 'tranches',
  'tranches-voided': 'tranches',
  'visits-done': 'visits',
  'visits-missed': 'visits',
  closed: 'cases',
} as const;
export type ReportMetric = keyof typeof REPORT_METRICS;

/** What every figure is broken down by, besides its period. */
export const BREAKDOWNS = [
  'host-country',
  'destination-country',
  'sex',
  'age-group',
  'target-group',
  'vulnerability',
] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/**
 * Breakdowns of one figure only, never suppressed (they describe no person): a refusal's reason, a closure's
 * outcome, an amount's currency.
 */
export const DETAILS = ['reason', 'outcome', 'currency'] as const;
export type Detail = (typeof DETAILS)[number];

/** Survey dimensions whose scores are averaged over the visits done. */
export const SCORE_DIMENSIONS = ['economic', 'social', 'psychosocial', 'composite'] as const;

/**
 * The spans between the milestones every case records, live or imported: days from one to the next, counted in
 * the month the span ends.
 */
export const STAGE_SPANS = {
  'intake-to-declaration': ['counselled', 'declared'],
  'declaration-to-departure': ['declared', 'departed'],
  'departure-to-arrival': ['departed', 'arrived'],
  'arrival-to-closure': ['arrived', 'closed'],
} as const;
export type StageSpan = keyof typeof STAGE_SPANS;
