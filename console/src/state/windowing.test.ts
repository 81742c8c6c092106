import { describe, expect, it } from 'vitest';
import { arrivedSince, bottomScrollTop, heightsOf, windowRange } from './windowing.ts';

const uniform = (count: number, height: number) => Array.from({ length: count }, () => height);

describe('windowRange', () => {
  it('renders only the items under the viewport plus the overscan, with spacers for the rest', () => {
    const range = windowRange({ heights: uniform(5000, 50), scrollTop: 10_000, viewportHeight: 500, overscan: 100 });
    expect(range).toEqual({ start: 198, end: 212, before: 9_900, after: 5000 * 50 - 9_900 - 14 * 50, total: 250_000 });
  });

  it('at the bottom of the list renders its last items and leaves nothing after them', () => {
    const heights = uniform(1000, 40);
    const range = windowRange({ heights, scrollTop: bottomScrollTop(40_000, 400), viewportHeight: 400, overscan: 80 });
    expect(range.end).toBe(1000);
    expect(range.after).toBe(0);
    expect(range.start).toBe(988);
    expect(range.before + (range.end - range.start) * 40).toBe(40_000);
  });

  it('copes with items of different heights', () => {
    const heights = [10, 200, 10, 10, 300, 10];
    const range = windowRange({ heights, scrollTop: 215, viewportHeight: 20, overscan: 0 });
    expect(range).toMatchObject({ start: 2, end: 5, before: 210, after: 10 });
  });

  it('renders everything when the list is shorter than the viewport', () => {
    expect(windowRange({ heights: uniform(3, 30), scrollTop: 0, viewportHeight: 500, overscan: 50 })).toEqual({
      start: 0,
      end: 3,
      before: 0,
      after: 0,
      total: 90,
    });
  });

  it('renders nothing for an empty list', () => {
    expect(windowRange({ heights: [], scrollTop: 0, viewportHeight: 500, overscan: 50 })).toEqual({
      start: 0,
      end: 0,
      before: 0,
      after: 0,
      total: 0,
    });
  });
});

describe('heightsOf', () => {
  it('uses the measured height of an item and the estimate for the others', () => {
    const measured = new Map<number, number>([[2, 120]]);
    expect(heightsOf([{ seq: 1 }, { seq: 2 }, { seq: 3 }], (item) => item.seq, measured, 60)).toEqual([60, 120, 60]);
  });
});

describe('arrivedSince', () => {
  const log = [
    { type: 'message', seq: 1 },
    { type: 'message', seq: 2 },
    { type: 'joined', seq: 3 },
    { type: 'message', seq: 4 },
    { type: 'message', seq: 5 },
    { type: 'message', seq: 6 },
  ] as const;

  it('keeps only messages after the baseline, the newest ones, oldest first', () => {
    expect(arrivedSince(log, 1, 3).map((event) => event.seq)).toEqual([4, 5, 6]);
    expect(arrivedSince(log, 2, 10).map((event) => event.seq)).toEqual([4, 5, 6]);
  });

  it('is empty when nothing arrived', () => {
    expect(arrivedSince(log, 6, 3)).toEqual([]);
  });
});
