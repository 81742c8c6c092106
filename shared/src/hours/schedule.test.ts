import { describe, expect, it } from 'vitest';
import { isOpenAt, nextOpening, type Schedule } from './schedule.ts';

const at = (iso: string) => Date.parse(iso);
const weekdays = [1, 2, 3, 4, 5];

/** A Barcelona shop: split weekdays, Saturday mornings. */
const madrid: Schedule = {
  timeZone: 'Europe/Madrid',
  weekly: [
    ...weekdays.flatMap((day) => [
      { day, from: '09:00', to: '14:00' },
      { day, from: '16:00', to: '20:00' },
    ]),
    { day: 6, from: '10:00', to: '14:00' },
  ],
  holidays: ['2026-12-25'],
  closures: [],
};

describe('isOpenAt', () => {
  it('reads the wall clock in the schedule’s zone, not the server’s', () => {
    // 08:30 UTC on a winter Monday is 09:30 in Madrid and 03:30 in New York.
    expect(isOpenAt(madrid, at('2026-12-07T08:30:00Z'))).toBe(true);
    expect(isOpenAt({ ...madrid, timeZone: 'America/New_York' }, at('2026-12-07T08:30:00Z'))).toBe(false);
  });

  it('is closed over the lunch break and on Sunday', () => {
    expect(isOpenAt(madrid, at('2026-12-07T13:30:00Z'))).toBe(false); // 14:30
    expect(isOpenAt(madrid, at('2026-12-06T10:00:00Z'))).toBe(false); // Sunday 11:00
  });

  it('keeps a span that crosses midnight open after midnight, on the day it started', () => {
    const nights: Schedule = { ...madrid, weekly: [{ day: 5, from: '22:00', to: '02:00' }] };
    expect(isOpenAt(nights, at('2026-12-11T21:30:00Z'))).toBe(true); // Friday 22:30
    expect(isOpenAt(nights, at('2026-12-12T00:30:00Z'))).toBe(true); // Saturday 01:30
    expect(isOpenAt(nights, at('2026-12-12T01:00:00Z'))).toBe(false); // Saturday 02:00
    expect(isOpenAt(nights, at('2026-12-11T00:30:00Z'))).toBe(false); // Friday 01:30: Thursday had no night
  });

  it('follows daylight saving in Europe/Madrid: 09:00 is 08:00 UTC in winter and 07:00 UTC in summer', () => {
    // Spring forward on Sunday 29 March 2026; fall back on Sunday 25 October 2026.
    expect(isOpenAt(madrid, at('2026-03-27T08:00:00Z'))).toBe(true); // Friday 09:00 CET
    expect(isOpenAt(madrid, at('2026-03-30T06:59:00Z'))).toBe(false); // Monday 08:59 CEST
    expect(isOpenAt(madrid, at('2026-03-30T07:00:00Z'))).toBe(true); // Monday 09:00 CEST
    expect(isOpenAt(madrid, at('2026-10-26T07:30:00Z'))).toBe(false); // Monday 08:30 CET
    expect(isOpenAt(madrid, at('2026-10-26T08:00:00Z'))).toBe(true); // Monday 09:00 CET
  });

  it('is closed on a holiday, and a night span starting on a holiday stays closed after midnight', () => {
    expect(isOpenAt(madrid, at('2026-12-25T09:00:00Z'))).toBe(false); // Friday 25 December, 10:00
    const nights: Schedule = { ...madrid, weekly: [{ day: 4, from: '22:00', to: '02:00' }], holidays: ['2026-12-24'] };
    expect(isOpenAt(nights, at('2026-12-24T23:30:00Z'))).toBe(false); // Friday 00:30 after a holiday Thursday
    expect(isOpenAt(nights, at('2026-12-17T23:30:00Z'))).toBe(true); // the Thursday before
  });

  it('is closed during a one-off closure, and reopens when it ends', () => {
    const closed: Schedule = { ...madrid, closures: [{ from: at('2026-12-07T08:00:00Z'), to: at('2026-12-07T10:00:00Z') }] };
    expect(isOpenAt(closed, at('2026-12-07T09:59:00Z'))).toBe(false);
    expect(isOpenAt(closed, at('2026-12-07T10:00:00Z'))).toBe(true);
    expect(nextOpening(closed, at('2026-12-07T08:30:00Z'))).toBe(at('2026-12-07T10:00:00Z'));
  });

  it('treats a zone Intl does not know as closed, rather than throwing', () => {
    expect(isOpenAt({ ...madrid, timeZone: 'Mars/Olympus' }, at('2026-12-07T08:30:00Z'))).toBe(false);
    expect(nextOpening({ ...madrid, timeZone: 'Mars/Olympus' }, at('2026-12-07T08:30:00Z'))).toBeNull();
  });

  it('closes a span at "24:00" at the end of the day', () => {
    const late: Schedule = { ...madrid, weekly: [{ day: 1, from: '20:00', to: '24:00' }] };
    expect(isOpenAt(late, at('2026-12-07T22:59:00Z'))).toBe(true); // Monday 23:59
    expect(isOpenAt(late, at('2026-12-07T23:00:00Z'))).toBe(false); // Tuesday 00:00
  });
});

describe('nextOpening', () => {
  it('is now while open', () => {
    expect(nextOpening(madrid, at('2026-12-07T09:00:00Z'))).toBe(at('2026-12-07T09:00:00Z'));
  });

  it('finds Monday 09:00 from a Saturday evening', () => {
    expect(nextOpening(madrid, at('2026-12-12T19:00:00Z'))).toBe(at('2026-12-14T08:00:00Z'));
  });

  it('finds the afternoon span over lunch', () => {
    expect(nextOpening(madrid, at('2026-12-07T13:30:00Z'))).toBe(at('2026-12-07T15:00:00Z'));
  });

  it('skips a holiday', () => {
    // Thursday 24 December after closing: Friday is Christmas, so Saturday 10:00.
    expect(nextOpening(madrid, at('2026-12-24T20:00:00Z'))).toBe(at('2026-12-26T09:00:00Z'));
  });

  it('lands on the right UTC instant across the spring DST change', () => {
    // Saturday 28 March evening (CET) to Monday 30 March 09:00 CEST.
    expect(nextOpening(madrid, at('2026-03-28T19:00:00Z'))).toBe(at('2026-03-30T07:00:00Z'));
  });

  it('answers null when the schedule has no hours at all', () => {
    expect(nextOpening({ ...madrid, weekly: [] }, at('2026-12-07T09:00:00Z'))).toBeNull();
  });
});
