import { describe, expect, it } from 'vitest';
import { bucketOf, durationStats, median, percentile, toSeconds } from './stats.ts';

describe('the reports’ statistics', () => {
  it('takes the middle sample as the median, or the rounded mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([1, 2, 4])).toBe(2);
    expect(median([1, 3])).toBe(2);
    expect(median([1, 2])).toBe(2);
  });

  it('takes percentiles by nearest rank, always a sample that happened', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(ten, 90)).toBe(9);
    expect(percentile([10, 20, 30], 90)).toBe(30);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([], 90)).toBeNull();
    expect(
      percentile(
        Array.from({ length: 20 }, (_, i) => i + 1),
        90,
      ),
    ).toBe(18);
  });

  it('puts a duration in the bucket whose upper bound it is below', () => {
    expect([0, 59, 60, 299, 300, 899, 900, 3599, 3600, 14_399, 14_400, 86_399, 86_400].map(bucketOf)).toEqual([
      0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6,
    ]);
  });

  it('rounds milliseconds down to whole seconds and never goes below zero', () => {
    expect(toSeconds(1999)).toBe(1);
    expect(toSeconds(-5000)).toBe(0);
  });

  it('sums, averages and distributes a set of samples', () => {
    expect(durationStats([4000, 30, 400, 90])).toEqual({
      count: 4,
      totalSeconds: 4520,
      meanSeconds: 1130,
      medianSeconds: 245,
      p90Seconds: 4000,
      buckets: [1, 1, 1, 0, 1, 0, 0],
    });
    expect(durationStats([])).toEqual({
      count: 0,
      totalSeconds: 0,
      meanSeconds: null,
      medianSeconds: null,
      p90Seconds: null,
      buckets: [0, 0, 0, 0, 0, 0, 0],
    });
  });
});
