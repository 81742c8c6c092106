import type { ReportTally } from '../schemas/reports.ts';
import { meanOf, percentOf } from './stats.ts';

/**
 * What the Reports page draws per day, read from a day row's tally (the
 * same sums the CSV carries). A day row holds sums, not samples, so a day's
 * first response is its mean: the summary's median exists for the whole
 * period only.
 */
export interface DayFigures {
  /** First responses' seconds over the day's answered conversations; null with none answered. */
  firstResponseMeanSeconds: number | null;
  firstResponseBusinessMeanSeconds: number | null;
  /** Ratings of 4 or 5 over the day's ratings, in percent with one decimal. */
  csatShare: number | null;
  csatAverage: number | null;
}

/** The mean rating 1–5 of a tally, with two decimals; null without ratings. */
export function ratingAverageOf(tally: Pick<ReportTally, 'ratings' | 'ratingScoreTotal'>): number | null {
  return tally.ratings === 0 ? null : Math.round((tally.ratingScoreTotal / tally.ratings) * 100) / 100;
}

export function dayFiguresOf(tally: ReportTally): DayFigures {
  return {
    firstResponseMeanSeconds: meanOf(tally.firstResponseSeconds, tally.answered),
    firstResponseBusinessMeanSeconds: meanOf(tally.firstResponseBusinessSeconds, tally.answered),
    csatShare: percentOf(tally.ratingsPositive, tally.ratings),
    csatAverage: ratingAverageOf(tally),
  };
}
