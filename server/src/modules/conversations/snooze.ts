import type { SnoozeUntil } from '@mostrador/shared';
import { wallClock, zonedInstant } from '@mostrador/shared/hours';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Presets wake at this local time: the start of a working day. */
const MORNING_MINUTES = 9 * 60;
/** The furthest a snooze may reach. */
export const MAX_SNOOZE_MS = 366 * DAY_MS;

/**
 * When a snooze ends: an hour from now, tomorrow at 09:00 or next Monday at
 * 09:00 in the site's time zone (daylight saving included), or the time the
 * agent chose. Null when that time is not in the future, or too far.
 */
export function snoozeEnd(until: SnoozeUntil, now: number, timeZone: string): number | null {
  const at = 'at' in until ? until.at : presetEnd(until.preset, now, timeZone);
  return at > now && at - now <= MAX_SNOOZE_MS ? at : null;
}

function presetEnd(preset: 'hour' | 'tomorrow' | 'next-week', now: number, timeZone: string): number {
  if (preset === 'hour') return now + HOUR_MS;
  const { y, m, d } = wallClock(now, timeZone);
  const today = Date.UTC(y, m - 1, d) / DAY_MS;
  if (preset === 'tomorrow') return zonedInstant(today + 1, MORNING_MINUTES, timeZone);
  // Day numbers count from Thursday 1970-01-01: (n + 4) % 7 is 0 on Sundays, 1 on Mondays.
  const weekday = (today + 4) % 7;
  const toMonday = (8 - weekday) % 7 || 7;
  return zonedInstant(today + toMonday, MORNING_MINUTES, timeZone);
}

/** The local date (YYYY-MM-DD) of an instant in the zone. */
export function localDate(at: number, timeZone: string): string {
  const { y, m, d } = wallClock(at, timeZone);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
