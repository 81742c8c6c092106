import { describe, expect, it } from 'vitest';
import { localDate, MAX_SNOOZE_MS, snoozeEnd } from './snooze.ts';

const MADRID = 'Europe/Madrid';

describe('snooze presets', () => {
  it('ends an hour from now', () => {
    const now = Date.UTC(2026, 11, 5, 10, 0);
    expect(snoozeEnd({ preset: 'hour' }, now, MADRID)).toBe(now + 3_600_000);
  });

  it('ends tomorrow at 09:00 in the site’s zone, even from late in the evening', () => {
    // Saturday 5 December 2026, 23:30 in Madrid (22:30 UTC): tomorrow is Sunday the 6th, 09:00 CET = 08:00 UTC.
    expect(snoozeEnd({ preset: 'tomorrow' }, Date.UTC(2026, 11, 5, 22, 30), MADRID)).toBe(Date.UTC(2026, 11, 6, 8, 0));
    // 00:30 on Sunday in Madrid is still Saturday in UTC: tomorrow is Monday in Madrid.
    expect(snoozeEnd({ preset: 'tomorrow' }, Date.UTC(2026, 11, 5, 23, 30), MADRID)).toBe(Date.UTC(2026, 11, 7, 8, 0));
  });

  it('ends next Monday at 09:00, across a daylight-saving change', () => {
    // Friday 27 March 2026; clocks go forward on Sunday the 29th, so Monday 09:00 CEST is 07:00 UTC.
    expect(snoozeEnd({ preset: 'next-week' }, Date.UTC(2026, 2, 27, 12, 0), MADRID)).toBe(Date.UTC(2026, 2, 30, 7, 0));
    // From a Monday, the next Monday.
    expect(snoozeEnd({ preset: 'next-week' }, Date.UTC(2026, 2, 30, 12, 0), MADRID)).toBe(Date.UTC(2026, 3, 6, 7, 0));
  });

  it('takes a custom time only in the future and within a year', () => {
    const now = Date.UTC(2026, 11, 5, 10, 0);
    expect(snoozeEnd({ at: now + 60_000 }, now, MADRID)).toBe(now + 60_000);
    expect(snoozeEnd({ at: now }, now, MADRID)).toBeNull();
    expect(snoozeEnd({ at: now + 400 * 86_400_000 }, now, MADRID)).toBeNull();
    // The furthest reach itself is taken; a millisecond more is not.
    expect(snoozeEnd({ at: now + MAX_SNOOZE_MS }, now, MADRID)).toBe(now + MAX_SNOOZE_MS);
    expect(snoozeEnd({ at: now + MAX_SNOOZE_MS + 1 }, now, MADRID)).toBeNull();
  });

  it('names the local date of an instant', () => {
    expect(localDate(Date.UTC(2026, 2, 1, 23, 30), MADRID)).toBe('2026-03-02');
    expect(localDate(Date.UTC(2026, 2, 1, 23, 30), 'UTC')).toBe('2026-03-01');
  });
});
