import { clockMinutes, isTimeZone, wallClock, zonedInstant, type Schedule } from '../hours/schedule.ts';

const DAY_MS = 86_400_000;

/** Every zone's offset is a whole number of quarter hours, so an instant's local day and hour are those of its quarter's start. */
const QUARTER_MS = 15 * 60_000;
const quarters = new Map<string, Map<number, { dayNumber: number; hour: number }>>();

/** The local day number (days since 1970-01-01 on the zone's wall calendar) and hour of an instant, remembered per quarter hour: Intl is slow. */
export function localDayAndHour(at: number, timeZone: string): { dayNumber: number; hour: number } {
  let zone = quarters.get(timeZone);
  if (!zone) quarters.set(timeZone, (zone = new Map()));
  const quarter = Math.floor(at / QUARTER_MS);
  let local = zone.get(quarter);
  if (!local) {
    const { y, m, d, minutes } = wallClock(quarter * QUARTER_MS, timeZone);
    local = { dayNumber: Date.UTC(y, m - 1, d) / DAY_MS, hour: Math.floor(minutes / 60) };
    zone.set(quarter, local);
  }
  return local;
}

/** The local day number (days since 1970-01-01 on the zone's wall calendar) of an instant. */
export function localDayNumber(at: number, timeZone: string): number {
  return localDayAndHour(at, timeZone).dayNumber;
}

/** A local day number as "YYYY-MM-DD". */
export function dayNumberDate(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** "YYYY-MM-DD" as a local day number (the inverse of `dayNumberDate`). */
export function dateDayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

type Interval = [number, number];

/** Each schedule's opening spans per local day, computed once: zonedInstant asks Intl several times. */
const spansByDay = new WeakMap<Schedule, Map<number, Interval[]>>();

function dayIntervals(schedule: Schedule, dayNumber: number): Interval[] {
  let days = spansByDay.get(schedule);
  if (!days) spansByDay.set(schedule, (days = new Map()));
  let spans = days.get(dayNumber);
  if (!spans) days.set(dayNumber, (spans = computeDayIntervals(schedule, dayNumber)));
  return spans;
}

/** The opening spans that start on one local day, as instants, holidays left out. */
function computeDayIntervals(schedule: Schedule, dayNumber: number): Interval[] {
  const weekday = (((dayNumber + 4) % 7) + 7) % 7;
  if (schedule.holidays.includes(dayNumberDate(dayNumber))) return [];
  return schedule.weekly
    .filter((span) => span.day === weekday && span.from !== span.to)
    .map((span): Interval => {
      const from = clockMinutes(span.from);
      const to = clockMinutes(span.to);
      const start = zonedInstant(dayNumber, from, schedule.timeZone);
      // A span whose end is before its start runs past midnight into the next day.
      const end = to > from ? zonedInstant(dayNumber, to, schedule.timeZone) : zonedInstant(dayNumber + 1, to, schedule.timeZone);
      return [start, end];
    });
}

/** Sorted, non-overlapping union of intervals. */
function union(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const merged: Interval[] = [];
  for (const [a, b] of sorted) {
    const last = merged.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/**
 * Business time between two instants: the milliseconds of [from, to) during
 * which the schedule is open (weekly spans in its zone, minus holidays, minus
 * one-off closures) — the same instants `isOpenAt` calls open. Zero when `to`
 * is not after `from` or the zone is unknown.
 */
export function openMillisBetween(schedule: Schedule, from: number, to: number): number {
  if (to <= from || !isTimeZone(schedule.timeZone)) return 0;
  const first = localDayNumber(from, schedule.timeZone) - 1;
  const last = localDayNumber(to, schedule.timeZone);
  const spans: Interval[] = [];
  for (let day = first; day <= last; day++) spans.push(...dayIntervals(schedule, day));
  const open = union(spans.map(([a, b]): Interval => [Math.max(a, from), Math.min(b, to)]));
  const closed = union(schedule.closures.map((c): Interval => [Math.max(c.from, from), Math.min(c.to, to)]));
  let total = 0;
  for (const [a, b] of open) {
    total += b - a;
    for (const [c, d] of closed) total -= Math.max(0, Math.min(b, d) - Math.max(a, c));
  }
  return total;
}

/** Every local date from `from` to `to`, both inclusive. */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let day = dateDayNumber(from); day <= dateDayNumber(to); day += 1) dates.push(dayNumberDate(day));
  return dates;
}
