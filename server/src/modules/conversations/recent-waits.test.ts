import { describe, expect, it } from 'vitest';
import { RecentWaits } from './recent-waits.ts';

describe('RecentWaits', () => {
  it('knows nothing until a real wait is recorded: chats assigned as they arrived never queued', () => {
    const waits = new RecentWaits();
    waits.add(0, 0);
    waits.add(0.2, 0);
    expect(waits.typicalSeconds(0)).toBeUndefined();
  });

  it('answers the median of the last hour, so one forgotten visitor does not skew it', () => {
    const waits = new RecentWaits();
    const now = 10 * 3_600_000;
    for (const seconds of [30, 40, 3_600, 50, 35]) waits.add(seconds, now - 60_000);
    expect(waits.typicalSeconds(now)).toBe(40);
  });

  it('forgets waits older than an hour', () => {
    const waits = new RecentWaits();
    waits.add(600, 0);
    expect(waits.typicalSeconds(3_600_000 + 1)).toBeUndefined();
  });

  it('counts a wait of exactly one second, and ignores a wait that is not a number', () => {
    const waits = new RecentWaits();
    waits.add(Number.NaN, 0);
    expect(waits.typicalSeconds(0)).toBeUndefined();
    waits.add(1, 0);
    expect(waits.typicalSeconds(0)).toBe(1);
  });

  it('keeps a wait exactly an hour old', () => {
    const waits = new RecentWaits();
    waits.add(600, 0);
    expect(waits.typicalSeconds(3_600_000)).toBe(600);
  });

  it('takes the upper middle of an even count', () => {
    const waits = new RecentWaits();
    for (const seconds of [40, 10, 30, 20]) waits.add(seconds, 0);
    expect(waits.typicalSeconds(0)).toBe(30);
  });

  it('keeps only the last twenty waits', () => {
    const waits = new RecentWaits();
    // Twenty long waits, then twenty short ones: only the short ones remain.
    for (let i = 0; i < 20; i += 1) waits.add(1_000, 0);
    for (let i = 0; i < 20; i += 1) waits.add(10, 0);
    expect(waits.typicalSeconds(0)).toBe(10);
    // Exactly twenty are kept, not nineteen: ten long and ten short give the upper middle, a long one.
    const twenty = new RecentWaits();
    for (let i = 0; i < 10; i += 1) twenty.add(100, 0);
    for (let i = 0; i < 10; i += 1) twenty.add(1, 0);
    expect(twenty.typicalSeconds(0)).toBe(100);
  });
});
