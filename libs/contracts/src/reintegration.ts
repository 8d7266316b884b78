import type { IsoDuration } from './durations';
import type { PartnerStepPolicy } from './policy';

/** What a reintegration plan may fund, as IOM programmes list it. */
export const REINTEGRATION_CATEGORIES = [
  'business-set-up',
  'vocational-training',
  'education',
  'housing',
  'medical-care',
  'basic-goods',
] as const;
export type ReintegrationCategory = (typeof REINTEGRATION_CATEGORIES)[number];

/** How reintegration money moves: never in cash. */
export const DISBURSEMENT_METHODS = ['voucher', 'vendor-payment'] as const;
export type DisbursementMethod = (typeof DISBURSEMENT_METHODS)[number];

/** The three dimensions of IOM's reintegration sustainability survey. */
export const SURVEY_DIMENSIONS = ['economic', 'social', 'psychosocial'] as const;
export type SurveyDimension = (typeof SURVEY_DIMENSIONS)[number];

export interface SurveyQuestion {
  id: string;
  /** The question as the monitor asks it, shown beside its answer field. */
  text?: string;
  dimension: SurveyDimension;
  /** The question's weight within its dimension. */
  weight: number;
  /** The answer scale: `min` is the least sustainable answer, `max` the most. */
  min: number;
  max: number;
}

/** The survey's questions and weights: versioned with the policy, kept with each visit's scores. */
export interface SurveyPolicy {
  version: string;
  questions: SurveyQuestion[];
  /** Each dimension's weight in the composite score. */
  dimensionWeights: Record<SurveyDimension, number>;
}

export type SurveyScores = Record<SurveyDimension | 'composite', number>;

/**
 * Scores between 0 and 1: each answer placed on its scale, weighted within its dimension; the composite is the
 * dimensions weighted by the survey's dimension weights. Rounded to 4 decimals, as they are stored.
 */
export function surveyScores(survey: SurveyPolicy, answers: Record<string, number>): SurveyScores {
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  const dimension = (d: SurveyDimension) => {
    const questions = survey.questions.filter((q) => q.dimension === d);
    const weight = questions.reduce((sum, q) => sum + q.weight, 0);
    const score = questions.reduce((sum, q) => sum + (q.weight * (answers[q.id] - q.min)) / (q.max - q.min), 0);
    return weight ? score / weight : 0;
  };
  const scores = {
    economic: dimension('economic'),
    social: dimension('social'),
    psychosocial: dimension('psychosocial'),
  };
  const totalWeight = Object.values(survey.dimensionWeights).reduce((sum, w) => sum + w, 0);
  const composite =
    (scores.economic * survey.dimensionWeights.economic +
      scores.social * survey.dimensionWeights.social +
      scores.psychosocial * survey.dimensionWeights.psychosocial) /
    totalWeight;
  return {
    economic: round(scores.economic),
    social: round(scores.social),
    psychosocial: round(scores.psychosocial),
    composite: round(composite),
  };
}

/** After arrival: the plan, the money, and the follow-up visits. */
export interface ReintegrationPolicy {
  /** Whether the programme funds reintegration (where it has a mission in the destination). */
  funded: boolean;
  currency: string;
  /** The budget's ceiling: per adult and per child of the case. */
  perAdult: number;
  perChild: number;
  /** The mission's reintegration plan, due after arrival; reminded, then escalated. */
  plan: PartnerStepPolicy;
  /** How long a voucher may be redeemed; unredeemed, it expires and its value returns to the budget. */
  voucherValidFor: IsoDuration;
  monitoring: {
    /** Follow-ups after arrival (e.g. P91D, P182D, P365D). */
    offsets: IsoDuration[];
    /** The mission's visit: due `dueAfter` the follow-up date, reminded, escalated. */
    visit: PartnerStepPolicy;
    /** A visit not recorded this long after its follow-up date is recorded as missed. */
    missedAfter: IsoDuration;
  };
  survey: SurveyPolicy;
}

/** Versions published before reintegration was configured: not funded; follow-ups at 3, 6 and 12 months. */
export const DEFAULT_REINTEGRATION_POLICY: ReintegrationPolicy = {
  funded: false,
  currency: 'EUR',
  perAdult: 0,
  perChild: 0,
  plan: { dueAfter: 'P30D', reminderEvery: 'P7D', escalateAfter: 'P45D' },
  voucherValidFor: 'P90D',
  monitoring: {
    offsets: ['P91D', 'P182D', 'P365D'],
    visit: { dueAfter: 'P14D', reminderEvery: 'P7D', escalateAfter: 'P28D' },
    missedAfter: 'P42D',
  },
  survey: {
    version: 'rss-default',
    questions: [
      {
        id: 'income',
        text: 'Is your income enough to meet your needs?',
        dimension: 'economic',
        weight: 1,
        min: 1,
        max: 5,
      },
      { id: 'community', text: 'Do you feel part of the community?', dimension: 'social', weight: 1, min: 1, max: 5 },
      { id: 'wellbeing', text: 'How is your well-being?', dimension: 'psychosocial', weight: 1, min: 1, max: 5 },
    ],
    dimensionWeights: { economic: 1, social: 1, psychosocial: 1 },
  },
};

/** Outcomes a supervisor closes a returned case with. */
export const CLOSURE_OUTCOMES = ['completed', 'lost-contact', 're-migrated', 'deceased'] as const;
export type ClosureOutcome = (typeof CLOSURE_OUTCOMES)[number];
