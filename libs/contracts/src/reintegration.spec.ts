import { surveyScores, type SurveyPolicy } from './reintegration';

describe('the reintegration sustainability scores', () => {
  const survey: SurveyPolicy = {
    version: 't',
    questions: [
      { id: 'income', dimension: 'economic', weight: 2, min: 1, max: 5 },
      { id: 'debt', dimension: 'economic', weight: 1, min: 1, max: 5 },
      { id: 'housing', dimension: 'social', weight: 1, min: 1, max: 5 },
      { id: 'wellbeing', dimension: 'psychosocial', weight: 1, min: 0, max: 10 },
    ],
    dimensionWeights: { economic: 2, social: 1, psychosocial: 1 },
  };

  it('places each answer on its scale, weights it within its dimension, and weights the dimensions', () => {
    // economic (2 x 0.5 + 1 x 1) / 3 = 0.6667; social 0.25; psychosocial 0.3; composite (2 x 0.6667 + 0.25 + 0.3) / 4
    expect(surveyScores(survey, { income: 3, debt: 5, housing: 2, wellbeing: 3 })).toEqual({
      economic: 0.6667,
      social: 0.25,
      psychosocial: 0.3,
      composite: 0.4708,
    });
  });

  it('scores the least sustainable answers 0 and the most sustainable 1', () => {
    expect(surveyScores(survey, { income: 1, debt: 1, housing: 1, wellbeing: 0 })).toEqual({
      economic: 0,
      social: 0,
      psychosocial: 0,
      composite: 0,
    });
    expect(surveyScores(survey, { income: 5, debt: 5, housing: 5, wellbeing: 10 }).composite).toBe(1);
  });
});
