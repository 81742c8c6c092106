import { describe, expect, it } from 'vitest';
import { dayLabel, daysAgo } from './days.ts';

// Built from local calendar fields, so the tests hold in any time zone.
const at = (year: number, month: number, day: number, hour = 12, minute = 0) => new Date(year, month - 1, day, hour, minute).getTime();

describe('day separators', () => {
  const now = at(2026, 12, 5, 0, 30);

  it('counts calendar days in local time, not 24-hour spans', () => {
    expect(daysAgo(at(2026, 12, 5, 0, 1), now)).toBe(0);
    expect(daysAgo(at(2026, 12, 4, 23, 59), now)).toBe(1);
    expect(daysAgo(at(2026, 12, 3, 0, 1), now)).toBe(2);
    // Across the spring clock change (a 23-hour day in much of Europe).
    expect(daysAgo(at(2026, 3, 28, 12), at(2026, 3, 30, 12))).toBe(2);
  });

  it('says today, yesterday, or the date in the viewer’s language, with the year only when it is not this one', () => {
    expect(dayLabel(at(2026, 12, 5, 0, 10), now, 'en')).toEqual({ kind: 'today' });
    expect(dayLabel(at(2026, 12, 4, 23, 0), now, 'ca')).toEqual({ kind: 'yesterday' });
    expect(dayLabel(at(2026, 12, 1), now, 'en')).toEqual({ kind: 'date', text: 'Tuesday, December 1' });
    expect(dayLabel(at(2026, 12, 1), now, 'es')).toEqual({ kind: 'date', text: 'Martes, 1 de diciembre' });
    expect(dayLabel(at(2026, 12, 1), now, 'ca')).toEqual({ kind: 'date', text: 'Dimarts, 1 de desembre' });
    expect(dayLabel(at(2025, 12, 31), now, 'en')).toEqual({ kind: 'date', text: 'Wednesday, December 31, 2025' });
  });
});
