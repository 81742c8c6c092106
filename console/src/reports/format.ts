import type { Language } from '../i18n/index.ts';

/** A duration in seconds as the agent's language writes it: "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function formatDuration(seconds: number, language: Language): string {
  const unit = (value: number, name: 'second' | 'minute' | 'hour' | 'day') =>
    new Intl.NumberFormat(language, { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
  if (seconds < 60) return unit(seconds, 'second');
  if (seconds < 3600) return unit(Math.round(seconds / 60), 'minute');
  if (seconds < 86_400) {
    const minutes = Math.round((seconds % 3600) / 60);
    return [unit(Math.floor(seconds / 3600), 'hour'), minutes ? unit(minutes, 'minute') : ''].filter(Boolean).join(' ');
  }
  const hours = Math.round((seconds % 86_400) / 3600);
  return [unit(Math.floor(seconds / 86_400), 'day'), hours ? unit(hours, 'hour') : ''].filter(Boolean).join(' ');
}

export function formatPercent(value: number, language: Language): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
}

/** Weekday names, Sunday first, in the agent's language. */
export function weekdayNames(language: Language): string[] {
  const format = new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' });
  // 4 January 1970 was a Sunday.
  return Array.from({ length: 7 }, (_, day) => format.format(Date.UTC(1970, 0, 4 + day)));
}

/** Sums per currency, each in its own currency ("40,00 € · 15,00 US$"), never added together; `none` when there is none. */
export function formatMoney(amounts: readonly { currency: string; amount: number }[], language: Language, none: string): string {
  if (amounts.length === 0) return none;
  return amounts.map(({ currency, amount }) => new Intl.NumberFormat(language, { style: 'currency', currency }).format(amount)).join(' · ');
}
