import { clockMinutes, isOpenAt, nextOpening, wallClock, zonedInstant, type Schedule } from '../hours/schedule.ts';
import type { RuleCondition } from '../schemas/triggers.ts';

export type BusinessHoursCondition = Extract<RuleCondition, { type: 'business_hours' }>;

const DAY_MS = 86_400_000;

const scheduleOf = (timeZone: string, days: readonly number[], from: string, to: string): Schedule => ({
  timeZone,
  weekly: days.map((day) => ({ day, from, to })),
  holidays: [],
  closures: [],
});

/**
 * Is `at` inside the opening hours, in the shop's time zone? `from` after `to` spans midnight.
 * The same schedule code the server and the widget's availability use.
 */
export function inBusinessHours(at: number, timeZone: string, days: readonly number[], from: string, to: string): boolean {
  return isOpenAt(scheduleOf(timeZone, days, from, to), at);
}

/** A `business_hours` condition at `at`. */
export const withinBusinessHours = (condition: BusinessHoursCondition, at: number): boolean =>
  inBusinessHours(at, condition.timeZone, condition.days, condition.from, condition.to);

/**
 * The next instant after `at` when the condition's answer changes (the hours
 * open or close), or null when it never will: the server looks at a tab again
 * then, rather than asking the clock every few seconds.
 */
export function nextBusinessHoursChange(condition: BusinessHoursCondition, at: number): number | null {
  const schedule = scheduleOf(condition.timeZone, condition.days, condition.from, condition.to);
  if (!isOpenAt(schedule, at)) return nextOpening(schedule, at);
  const { y, m, d } = wallClock(at, condition.timeZone);
  const today = Date.UTC(y, m - 1, d) / DAY_MS;
  const from = clockMinutes(condition.from);
  const to = clockMinutes(condition.to);
  // A span ends on its own day, or on the next one when it runs past midnight; a week and a day covers every end.
  for (let offset = -1; offset <= 8; offset++) {
    const dayNumber = today + offset;
    if (!condition.days.includes((dayNumber + 4) % 7)) continue;
    const end = zonedInstant(dayNumber + (from >= to ? 1 : 0), to, condition.timeZone);
    if (end > at && !isOpenAt(schedule, end)) return end;
  }
  return null;
}
