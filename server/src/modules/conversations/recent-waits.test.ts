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
});
