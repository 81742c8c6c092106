import { describe, expect, it } from 'vitest';
import { formatWaiting } from './waiting.ts';

describe('formatWaiting', () => {
  it('ticks as minutes and seconds, then hours', () => {
    expect(formatWaiting(0)).toBe('0:00');
    expect(formatWaiting(7_900)).toBe('0:07');
    expect(formatWaiting(12 * 60_000 + 45_000)).toBe('12:45');
    expect(formatWaiting(3_723_000)).toBe('1:02:03');
  });

  it('never counts backwards when clocks disagree', () => {
    expect(formatWaiting(-5_000)).toBe('0:00');
  });
});
