import { describe, expect, it } from 'vitest';
import { isOpenAt, type Schedule } from '../hours/schedule.ts';
import { dayNumberDate, localDayAndHour, openMillisBetween } from './business-time.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** A wall time in Madrid in December 2026 (UTC+1). */
const madrid = (day: number, hour: number, minute = 0) => Date.UTC(2026, 11, day, hour - 1, minute);
const weekdays: Schedule = {
  timeZone: 'Europe/Madrid',
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '17:00' })),
  holidays: [],
  closures: [],
};

describe('business time between two instants', () => {
  it('counts only the open part of a span (Monday 7 December 2026, 08:00–10:00 → 1 h)', () => {
    expect(openMillisBetween(weekdays, madrid(7, 8), madrid(7, 10))).toBe(HOUR);
  });

  it('skips the night and the weekend (Friday 16:00 → Monday 10:00 → 2 h)', () => {
    expect(openMillisBetween(weekdays, madrid(11, 16), madrid(14, 10))).toBe(2 * HOUR);
  });

  it('leaves out holidays and one-off closures', () => {
    expect(openMillisBetween({ ...weekdays, holidays: ['2026-12-07'] }, madrid(7, 8), madrid(7, 10))).toBe(0);
    const closure = { from: madrid(7, 9, 30), to: madrid(7, 9, 45) };
    expect(openMillisBetween({ ...weekdays, closures: [closure] }, madrid(7, 8), madrid(7, 10))).toBe(45 * MIN);
  });

  it('follows a night span past midnight, and its start day’s holiday after midnight too', () => {
    const nights: Schedule = { ...weekdays, weekly: [{ day: 6, from: '22:00', to: '02:00' }] };
    // Saturday 12 December 23:00 → Sunday 03:00: open 23:00–02:00.
    expect(openMillisBetween(nights, madrid(12, 23), madrid(13, 3))).toBe(3 * HOUR);
    expect(openMillisBetween({ ...nights, holidays: ['2026-12-12'] }, madrid(12, 23), madrid(13, 3))).toBe(0);
  });

  it('gives a 23-hour Sunday when the clocks go forward', () => {
    const sundays: Schedule = { ...weekdays, weekly: [{ day: 0, from: '00:00', to: '24:00' }] };
    // 29 March 2026: Madrid goes from UTC+1 to UTC+2 at 02:00.
    expect(openMillisBetween(sundays, Date.UTC(2026, 2, 28, 12), Date.UTC(2026, 2, 30, 12))).toBe(23 * HOUR);
  });

  it('is zero for an empty or backwards span and an unknown zone', () => {
    expect(openMillisBetween(weekdays, madrid(7, 10), madrid(7, 10))).toBe(0);
    expect(openMillisBetween(weekdays, madrid(7, 11), madrid(7, 10))).toBe(0);
    expect(openMillisBetween({ ...weekdays, timeZone: 'Mars/Olympus' }, madrid(7, 8), madrid(7, 10))).toBe(0);
  });

  it('agrees with isOpenAt minute by minute over three days', () => {
    const mixed: Schedule = {
      ...weekdays,
      weekly: [...weekdays.weekly, { day: 6, from: '22:00', to: '02:00' }, { day: 5, from: '12:00', to: '20:00' }],
      closures: [{ from: madrid(11, 13, 7), to: madrid(11, 14, 53) }],
    };
    const from = madrid(11, 0);
    const to = madrid(14, 0);
    let openMinutes = 0;
    for (let at = from; at < to; at += MIN) if (isOpenAt(mixed, at)) openMinutes++;
    expect(openMillisBetween(mixed, from, to)).toBe(openMinutes * MIN);
  });
});

describe('the local day and hour of an instant', () => {
  it('is exact at a quarter-hour zone’s midnight, however often it is asked', () => {
    // Kathmandu is UTC+5:45: 18:14 UTC is 23:59 on the 7th, 18:15 UTC is midnight on the 8th.
    for (let i = 0; i < 2; i++) {
      expect(localDayAndHour(Date.UTC(2026, 11, 7, 18, 14, 59), 'Asia/Kathmandu')).toEqual({ dayNumber: 20_794, hour: 23 });
      expect(localDayAndHour(Date.UTC(2026, 11, 7, 18, 15), 'Asia/Kathmandu')).toEqual({ dayNumber: 20_795, hour: 0 });
    }
    expect(dayNumberDate(20_795)).toBe('2026-12-08');
  });
});
