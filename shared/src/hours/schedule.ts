/**
 * Business hours as pure functions: is the shop open at an instant, and when
 * does it next open? Used by the server (routing, tickets), the widget (what
 * it tells the shopper) and the "business hours" trigger condition, so all
 * three always agree. Times are milliseconds since the epoch; wall times are
 * read in the schedule's IANA time zone with Intl, so DST follows the zone.
 */

/** One opening span on a weekday. `to` before `from` runs past midnight; "24:00" is the end of the day. */
export interface OpeningSpan {
  /** 0 = Sunday … 6 = Saturday: the day the span starts. */
  day: number;
  from: string;
  to: string;
}

export interface Schedule {
  timeZone: string;
  weekly: readonly OpeningSpan[];
  /** Local dates ("2026-12-25") on which no span starts. */
  holidays: readonly string[];
  /** One-off closures, [from, to) in epoch milliseconds. */
  closures: readonly { from: number; to: number }[];
}

/** What a wall clock in the zone shows at an instant. */
interface LocalTime {
  date: string;
  day: number;
  minutes: number;
}

const DAY_MS = 86_400_000;
/** How far ahead `nextOpening` looks before it says "not in sight". */
const HORIZON_DAYS = 400;
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** Whether Intl knows the zone (a bad one would throw on every read). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in the zone at an instant: date parts and minutes after midnight. */
export function wallClock(at: number, timeZone: string): { y: number; m: number; d: number; minutes: number } {
  const parts = formatFor(timeZone).formatToParts(at);
  const num = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { y: num('year'), m: num('month'), d: num('day'), minutes: (num('hour') % 24) * 60 + num('minute') };
}

/** "HH:MM" to minutes after midnight; "24:00" is 1440. */
export function clockMinutes(clock: string): number {
  const [h = '0', m = '0'] = clock.split(':');
  return Number(h) * 60 + Number(m);
}

function isoDate(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

function localTime(at: number, timeZone: string): LocalTime & { dayNumber: number } {
  const { y, m, d, minutes } = wallClock(at, timeZone);
  const dayNumber = Date.UTC(y, m - 1, d) / DAY_MS;
  return { date: isoDate(dayNumber), day: (dayNumber + 4) % 7, minutes, dayNumber };
}

/** The instant a wall time in the zone happens; in a DST gap, the first instant after it. */
export function zonedInstant(dayNumber: number, minutes: number, timeZone: string): number {
  const wall = dayNumber * DAY_MS + minutes * 60_000;
  const offsetAt = (at: number) => {
    const w = wallClock(at, timeZone);
    return Date.UTC(w.y, w.m - 1, w.d) + w.minutes * 60_000 - Math.floor(at / 60_000) * 60_000;
  };
  const first = wall - offsetAt(wall);
  const second = wall - offsetAt(first);
  return Math.max(first, second);
}

function inClosure(schedule: Schedule, at: number): boolean {
  return schedule.closures.some((c) => at >= c.from && at < c.to);
}

/** Open by the weekly hours and holidays, closures aside. */
function weeklyOpen(schedule: Schedule, at: number): boolean {
  const now = localTime(at, schedule.timeZone);
  const yesterday = isoDate(now.dayNumber - 1);
  return schedule.weekly.some((span) => {
    const from = clockMinutes(span.from);
    const to = clockMinutes(span.to);
    if (from < to) return span.day === now.day && now.minutes >= from && now.minutes < to && !schedule.holidays.includes(now.date);
    if (from === to) return false;
    // A night span belongs to the day it started: its holiday closes it, after midnight too.
    if (span.day === now.day && now.minutes >= from) return !schedule.holidays.includes(now.date);
    return span.day === (now.day + 6) % 7 && now.minutes < to && !schedule.holidays.includes(yesterday);
  });
}

/** Is the shop open at `at`? A zone Intl does not know is never open. */
export function isOpenAt(schedule: Schedule, at: number): boolean {
  if (!isTimeZone(schedule.timeZone)) return false;
  return !inClosure(schedule, at) && weeklyOpen(schedule, at);
}

/**
 * The first instant at or after `at` when the shop is open; null when no
 * opening is in sight (no weekly hours, a bad zone, or closed for a long time).
 */
export function nextOpening(schedule: Schedule, at: number): number | null {
  if (!isTimeZone(schedule.timeZone) || schedule.weekly.length === 0) return null;
  if (isOpenAt(schedule, at)) return at;
  const today = localTime(at, schedule.timeZone).dayNumber;
  const closureEnds = schedule.closures.map((c) => c.to).filter((end) => end > at);
  for (let offset = 0; offset <= HORIZON_DAYS; offset++) {
    const dayNumber = today + offset;
    const day = (dayNumber + 4) % 7;
    const starts = schedule.weekly
      .filter((span) => span.day === day)
      .map((span) => zonedInstant(dayNumber, clockMinutes(span.from), schedule.timeZone));
    const dayEnd = zonedInstant(dayNumber + 1, 0, schedule.timeZone);
    const candidates = [...starts, ...closureEnds.filter((end) => end < dayEnd)].filter((c) => c > at).sort((a, b) => a - b);
    const open = candidates.find((c) => isOpenAt(schedule, c));
    if (open !== undefined) return open;
  }
  return null;
}
