import type { TextMatch } from '@mostrador/shared';
import type { AdminMessageKey, AdminParams } from '../i18n/index.ts';
import { LANGUAGES_MAX, MONEY_MAX, PATTERN_MAX, TAG_MAX, TAGS_MAX, TIME_ZONE_MAX } from './limits.ts';
import { regexProblemOf } from './regexCheck.ts';

/** A problem with one field, in words the form puts under it. */
export interface FieldError {
  key: AdminMessageKey;
  params?: AdminParams;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: FieldError };

const valid = <T>(value: T): Parsed<T> => ({ ok: true, value });
const invalid = (key: AdminMessageKey, params?: AdminParams): Parsed<never> => ({ ok: false, error: { key, params } });

/** A whole number in range, as the contract's int().min().max() expects. */
export function parseWholeNumber(text: string, min: number, max: number): Parsed<number> {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (trimmed === '' || !/^\d+$/.test(trimmed) || value < min || value > max) {
    return invalid('conditions.errorWhole', { min, max });
  }
  return valid(value);
}

/** An amount in the currency's major unit; a decimal comma ("99,90") is read as a point, as Catalan and Spanish write it. */
export function parseAmount(text: string): Parsed<number> {
  const normalised = text.trim().replace(',', '.');
  const value = Number(normalised);
  if (normalised === '' || !/^\d+(\.\d{1,2})?$/.test(normalised) || value > MONEY_MAX) {
    return invalid('conditions.errorAmount');
  }
  return valid(value);
}

/** ISO 4217, which the contract wants upper case; "eur" is taken as meant. */
export function parseCurrency(text: string): Parsed<string> {
  const code = text.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(code) ? valid(code) : invalid('conditions.errorCurrency');
}

export function parseRequired(text: string, max: number): Parsed<string> {
  const trimmed = text.trim();
  if (trimmed === '') return invalid('triggers.errorRequired');
  if (trimmed.length > max) return invalid('triggers.errorTooLong', { max });
  return valid(trimmed);
}

/**
 * Compiles a regular expression with the engine the server runs it on (RE2:
 * no lookaround, no backreferences), so an admin learns of a typo here rather
 * than from a rule that never fires.
 */
export function parsePattern(match: TextMatch['match'], text: string): Parsed<string> {
  const pattern = text.trim();
  if (pattern === '') return invalid('conditions.errorPatternRequired');
  if (pattern.length > PATTERN_MAX) return invalid('triggers.errorTooLong', { max: PATTERN_MAX });
  if (match === 'regex') {
    const detail = regexProblemOf(pattern);
    if (detail) return invalid('conditions.errorRegex', { detail });
  }
  return valid(pattern);
}

/** Primary subtags, however they are separated; "ca-ES" is cut to "ca", since the widget compares only that. */
export function parseLanguages(text: string): Parsed<string[]> {
  const codes = text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((code) => code.toLowerCase().split(/[-_]/)[0] ?? '');
  const unique = [...new Set(codes)];
  if (unique.length === 0) return invalid('conditions.errorLanguagesRequired');
  const wrong = unique.find((code) => !/^[a-z]{2,3}$/.test(code));
  if (wrong !== undefined) return invalid('conditions.errorLanguage', { code: wrong });
  if (unique.length > LANGUAGES_MAX) return invalid('conditions.errorLanguagesMax', { max: LANGUAGES_MAX });
  return valid(unique);
}

/** A time zone the browser knows, which is the same list the widget's browser checks against. */
export function parseTimeZone(text: string): Parsed<string> {
  const zone = text.trim();
  if (zone === '' || zone.length > TIME_ZONE_MAX) return invalid('conditions.errorTimeZone');
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    return invalid('conditions.errorTimeZone');
  }
  return valid(zone);
}

export function parseClock(text: string): Parsed<string> {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(text) ? valid(text) : invalid('conditions.errorClock');
}

/** Comma-separated, trimmed, without blanks or repeats. */
export function parseTags(text: string): Parsed<string[]> {
  const tags = [
    ...new Set(
      text
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
  if (tags.length > TAGS_MAX) return invalid('action.errorTagsMax', { max: TAGS_MAX });
  const long = tags.find((tag) => tag.length > TAG_MAX);
  if (long !== undefined) return invalid('action.errorTagLong', { tag: long, max: TAG_MAX });
  return valid(tags);
}
