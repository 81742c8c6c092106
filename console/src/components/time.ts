import type { Language } from '../i18n/index.ts';

const MINUTE = 60_000;

/**
 * Building an Intl formatter costs far more than using one, and a long log
 * formats two times per message on every render, so each is built once.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<Formatter extends Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, build: () => Formatter): Formatter {
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = build();
    formatters.set(key, formatter);
  }
  return formatter as Formatter;
}
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "now", "5 min ago", "3 hr ago", "yesterday"; older than a week, the date itself. */
export function formatRelativeTime(timestamp: number, now: number, language: Language): string {
  const elapsed = Math.max(0, now - timestamp);
  const relative = cached(`relative:${language}`, () => new Intl.RelativeTimeFormat(language, { numeric: 'auto', style: 'short' }));
  if (elapsed < MINUTE) return relative.format(0, 'second');
  if (elapsed < HOUR) return relative.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return relative.format(-Math.floor(elapsed / HOUR), 'hour');
  if (elapsed < 7 * DAY) return relative.format(-Math.floor(elapsed / DAY), 'day');
  return cached(`date:${language}`, () => new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short' })).format(timestamp);
}

export function formatClockTime(timestamp: number, language: Language): string {
  return cached(`clock:${language}`, () => new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' })).format(timestamp);
}

export function formatFullTime(timestamp: number, language: Language): string {
  return cached(`full:${language}`, () => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' })).format(timestamp);
}
