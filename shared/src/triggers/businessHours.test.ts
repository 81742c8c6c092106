import { describe, expect, it } from 'vitest';
import { nextBusinessHoursChange, type BusinessHoursCondition } from './businessHours.ts';

const hours = (days: number[], from: string, to: string, timeZone = 'Europe/Madrid'): BusinessHoursCondition => ({
  type: 'business_hours',
  timeZone,
  days,
  from,
  to,
  negate: false,
});
const at = (iso: string) => Date.parse(iso);

describe('the next time a business-hours condition changes its answer', () => {
  // Tuesday 1 December 2026; Madrid is UTC+1 in winter.
  it('is the closing time while open, and the next opening while closed, in the shop’s zone', () => {
    const weekdays = hours([1, 2, 3, 4, 5], '09:00', '18:00');
    expect(nextBusinessHoursChange(weekdays, at('2026-12-01T10:00:00Z'))).toBe(at('2026-12-01T17:00:00Z'));
    expect(nextBusinessHoursChange(weekdays, at('2026-12-01T17:00:00Z'))).toBe(at('2026-12-02T08:00:00Z'));
    // Friday evening: Monday morning.
    expect(nextBusinessHoursChange(weekdays, at('2026-12-04T18:30:00Z'))).toBe(at('2026-12-07T08:00:00Z'));
  });

  it('closes a night span on the next day, including the one that began yesterday', () => {
    const nights = hours([5, 6], '22:00', '02:00', 'UTC');
    // Friday 23:00: open until Saturday 02:00.
    expect(nextBusinessHoursChange(nights, at('2026-12-04T23:00:00Z'))).toBe(at('2026-12-05T02:00:00Z'));
    // Sunday 01:00: Saturday's span runs until 02:00.
    expect(nextBusinessHoursChange(nights, at('2026-12-06T01:00:00Z'))).toBe(at('2026-12-06T02:00:00Z'));
  });

  it('never changes for hours that are never open, or a zone the clock does not know', () => {
    expect(nextBusinessHoursChange(hours([1], '09:00', '09:00'), at('2026-12-01T10:00:00Z'))).toBeNull();
    expect(nextBusinessHoursChange(hours([1], '09:00', '18:00', 'Not/AZone'), at('2026-12-01T10:00:00Z'))).toBeNull();
  });
});
