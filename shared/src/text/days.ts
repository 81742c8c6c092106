/**
 * Day separators in a chat log, in the viewer's own time zone (the runtime's
 * local time): "Today", "Yesterday", or the date in the viewer's language.
 */

/** Midnight, local time, of the day `timestamp` falls in. */
export function startOfDay(timestamp: number): number {
  const day = new Date(timestamp);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

/** Calendar days from `timestamp`'s day to `now`'s: 0 today, 1 yesterday. Rounded, as a day with a clock change is 23 or 25 hours. */
export function daysAgo(timestamp: number, now: number): number {
  return Math.round((startOfDay(now) - startOfDay(timestamp)) / 86_400_000);
}

export type DayLabel = { kind: 'today' } | { kind: 'yesterday' } | { kind: 'date'; text: string };

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** What the separator above a day's first message says; the caller translates "today" and "yesterday". */
export function dayLabel(timestamp: number, now: number, language: string): DayLabel {
  const ago = daysAgo(timestamp, now);
  if (ago === 0) return { kind: 'today' };
  if (ago === 1) return { kind: 'yesterday' };
  const withYear = new Date(timestamp).getFullYear() !== new Date(now).getFullYear();
  const key = `${language}:${withYear}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      ...(withYear ? { year: 'numeric' } : {}),
    });
    dateFormats.set(key, format);
  }
  const text = format.format(timestamp);
  return { kind: 'date', text: text.charAt(0).toUpperCase() + text.slice(1) };
}
