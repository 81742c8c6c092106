import type { Language } from '../../i18n/index.ts';

/**
 * Intl formatters cost far more to build than to use, and the live list
 * formats a price per row every second, so each is built once per key.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.DisplayNames>();

function cached<Formatter extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.DisplayNames>(
  key: string,
  build: () => Formatter,
): Formatter {
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = build();
    formatters.set(key, formatter);
  }
  return formatter as Formatter;
}

/** "84,00 €" in Catalan, "€84.00" in English: the shop's currency in the agent's language. */
export function formatMoney(amount: number, currency: string, language: Language): string {
  try {
    return cached(`money:${language}:${currency}`, () => new Intl.NumberFormat(language, { style: 'currency', currency })).format(amount);
  } catch {
    // An unknown currency code: the number still says something.
    return `${amount.toFixed(2)} ${currency}`;
  }
}

function unit(language: Language, name: 'hour' | 'minute' | 'second', value: number): string {
  return cached(
    `unit:${language}:${name}`,
    () => new Intl.NumberFormat(language, { style: 'unit', unit: name, unitDisplay: 'short' }),
  ).format(value);
}

/** "45 s", "2 min 5 s", "1 h 3 min": how long someone stayed, to the two largest units. */
export function formatDuration(totalSeconds: number, language: Language): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(seconds / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  const rest = seconds % 60;
  if (hours > 0)
    return minutes > 0 ? `${unit(language, 'hour', hours)} ${unit(language, 'minute', minutes)}` : unit(language, 'hour', hours);
  if (minutes > 0)
    return rest > 0 ? `${unit(language, 'minute', minutes)} ${unit(language, 'second', rest)}` : unit(language, 'minute', minutes);
  return unit(language, 'second', rest);
}

/** The time it is where the visitor is, or null for a zone this browser does not know. */
export function formatLocalTime(now: number, timeZone: string, language: Language): string | null {
  try {
    return cached(
      `local:${language}:${timeZone}`,
      () => new Intl.DateTimeFormat(language, { timeZone, hour: '2-digit', minute: '2-digit' }),
    ).format(now);
  } catch {
    return null;
  }
}

/** "Catalan (Spain)" for `ca-ES`, named in the agent's language; the tag itself when unknown. */
export function languageName(tag: string, language: Language): string {
  try {
    return cached(`language:${language}`, () => new Intl.DisplayNames([language], { type: 'language' })).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/**
 * Only http(s) addresses become links: what the widget reports comes from
 * the shop's pages and must never turn into a `javascript:` link.
 */
export function safeHref(url: string): string | null {
  return /^https?:\/\/[^\s]+$/i.test(url) ? url : null;
}

/** An order number as it reads after the catalogues' "#": shops that number theirs "#1001" would show "##1001". */
export function orderNumberText(number: string): string {
  return number.replace(/^#+\s*/, '');
}
