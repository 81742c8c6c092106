import type { TextMatch } from '@mostrador/shared';
import type { Language } from '../../i18n/index.ts';
import type { AdminTranslate } from '../i18n/index.ts';

/*
 * How rules read in the agent's language: numbers, money, weekdays and
 * language names come from Intl, so each language gets its own conventions
 * ("€100" in English, "100 €" in Catalan and Spanish).
 */

/** A no-break space keeps "45 s" and "09:00" from wrapping apart. */
const NBSP = '\u00a0';

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(language).format(value);
}

/** Whole amounts without decimals ("€100"), others with cents ("€49.90"). */
export function formatMoney(amount: number, currency: string, language: Language): string {
  const digits = Number.isInteger(amount) ? 0 : 2;
  return new Intl.NumberFormat(language, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount);
}

/** "45 s", "2 min", "1 h 30 min": the SI symbols read the same in every language the console speaks. */
export function formatDuration(seconds: number, language: Language): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${formatNumber(hours, language)}${NBSP}h`);
  if (minutes > 0) parts.push(`${formatNumber(minutes, language)}${NBSP}min`);
  if (rest > 0 || parts.length === 0) parts.push(`${formatNumber(rest, language)}${NBSP}s`);
  return parts.join(' ');
}

/** 0 is Sunday, as in the contract; 7 January 2024 was a Sunday. */
export function weekdayName(day: number, language: Language, width: 'long' | 'short'): string {
  return new Intl.DateTimeFormat(language, { weekday: width, timeZone: 'UTC' }).format(Date.UTC(2024, 0, 7 + day));
}

/** Monday first, as weeks are written in Catalonia and Spain (and by most shops' opening hours). */
export const WEEK_ORDER: readonly number[] = [1, 2, 3, 4, 5, 6, 0];

/** "Mon–Fri", "Mon, Wed, Fri", "Mon–Thu, Sat": runs of three or more days collapse into a range. */
export function formatDays(days: readonly number[], language: Language, t: AdminTranslate): string {
  if (WEEK_ORDER.every((day) => days.includes(day))) return t('summary.everyDay');
  const runs: number[][] = [];
  for (const day of WEEK_ORDER) {
    if (!days.includes(day)) continue;
    const run = runs.at(-1);
    const previous = run?.at(-1);
    if (run && previous !== undefined && WEEK_ORDER.indexOf(previous) === WEEK_ORDER.indexOf(day) - 1) run.push(day);
    else runs.push([day]);
  }
  const name = (day: number) => weekdayName(day, language, 'short');
  return runs
    .flatMap((run) => {
      const first = run[0];
      const last = run.at(-1);
      if (first === undefined || last === undefined) return [];
      return run.length >= 3 ? [`${name(first)}–${name(last)}`] : run.map(name);
    })
    .join(', ');
}

/** "Catalan or Spanish": any one of them qualifies. Codes the browser cannot name are shown as typed. */
export function formatLanguages(codes: readonly string[], language: Language): string {
  let names: string[];
  try {
    const display = new Intl.DisplayNames(language, { type: 'language' });
    names = codes.map((code) => display.of(code) ?? code);
  } catch {
    names = [...codes];
  }
  return new Intl.ListFormat(language, { type: 'disjunction' }).format(names);
}

/** Globs in the language's quotation marks; regular expressions between slashes, as they are written. */
export function formatPattern(rule: TextMatch, t: AdminTranslate): string {
  return rule.match === 'regex' ? `/${rule.pattern}/` : t('summary.quoted', { text: rule.pattern });
}
