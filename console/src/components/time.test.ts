import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from './time.ts';

describe('formatRelativeTime', () => {
  const now = Date.UTC(2025, 4, 20, 12, 0, 0);

  it('says "now" for the last minute', () => {
    expect(formatRelativeTime(now - 20_000, now, 'en')).toBe('now');
  });

  it('counts minutes and hours back', () => {
    expect(formatRelativeTime(now - 5 * 60_000, now, 'en')).toBe('5 min. ago');
    expect(formatRelativeTime(now - 3 * 3_600_000, now, 'en')).toBe('3 hr. ago');
  });

  it('never speaks of the future when clocks disagree', () => {
    expect(formatRelativeTime(now + 30_000, now, 'en')).toBe('now');
  });
});
