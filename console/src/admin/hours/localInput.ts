import { wallClock, zonedInstant } from '@mostrador/shared/hours';

const DAY_MS = 86_400_000;

/** An instant as a datetime-local value ("2026-12-24T14:00") on the schedule's wall clock, not the browser's. */
export function toLocalInput(at: number, timeZone: string): string {
  const { y, m, d, minutes } = wallClock(at, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${y}-${two(m)}-${two(d)}T${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
}

/** A datetime-local value read on the schedule's wall clock; null when it is not a full date and time. */
export function fromLocalInput(value: string, timeZone: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, m, d, h, min] = match.map(Number) as [number, number, number, number, number, number];
  return zonedInstant(Date.UTC(y, m - 1, d) / DAY_MS, h * 60 + min, timeZone);
}

/** Holidays as typed: one date per line; anything else is dropped. */
export function parseHolidays(text: string): string[] {
  const dates = text.split(/[\s,]+/).filter((line) => /^\d{4}-\d{2}-\d{2}$/.test(line));
  return [...new Set(dates)].sort();
}
