import { isOpenAt } from '../hours/schedule.ts';
import type { RuleCondition } from '../schemas/triggers.ts';

export type BusinessHoursCondition = Extract<RuleCondition, { type: 'business_hours' }>;

/**
 * Is `at` inside the opening hours, in the shop's time zone? `from` after `to` spans midnight.
 * The same schedule code the server and the widget's availability use.
 */
export function inBusinessHours(at: number, timeZone: string, days: readonly number[], from: string, to: string): boolean {
  return isOpenAt({ timeZone, weekly: days.map((day) => ({ day, from, to })), holidays: [], closures: [] }, at);
}

/**
 * A `business_hours` condition at `at`. Apart from evaluate.ts, which gets
 * it through the visitor state: the widget fetches this (and the schedule
 * code) only for sites whose rules have such a condition.
 */
export const withinBusinessHours = (condition: BusinessHoursCondition, at: number): boolean =>
  inBusinessHours(at, condition.timeZone, condition.days, condition.from, condition.to);
