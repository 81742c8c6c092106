import { describe, expect, it } from 'vitest';
import { dayFiguresOf } from './day-figures.ts';
import { emptyTally } from './summary.ts';

describe('a day row’s figures', () => {
  it('divides the day’s sums by its counts: mean first response, raw and in business hours, and CSAT', () => {
    const day = {
      ...emptyTally(),
      answered: 3,
      firstResponseSeconds: 60 + 120 + 301,
      firstResponseBusinessSeconds: 60 + 120 + 0,
      ratings: 3,
      ratingsPositive: 2,
      ratingScoreTotal: 5 + 4 + 2,
    };
    expect(dayFiguresOf(day)).toEqual({
      firstResponseMeanSeconds: 160, // 481 / 3 = 160.33, rounded to the second
      firstResponseBusinessMeanSeconds: 60,
      csatShare: 66.7,
      csatAverage: 3.67,
    });
  });

  it('has nothing to say about a day with no answer and no rating', () => {
    expect(dayFiguresOf({ ...emptyTally(), conversations: 4 })).toEqual({
      firstResponseMeanSeconds: null,
      firstResponseBusinessMeanSeconds: null,
      csatShare: null,
      csatAverage: null,
    });
  });
});
