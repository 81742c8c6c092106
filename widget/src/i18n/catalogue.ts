import type { MessageKey, Messages } from './en.ts';

export type { MessageKey, Messages } from './en.ts';

/**
 * The languages the widget speaks. Each visitor downloads only the catalogue
 * of their language (a small JSON file next to widget.js), not all three.
 */
export const LANGUAGES = ['en', 'ca', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

export type Translate = (key: MessageKey, vars?: Readonly<Record<string, string | number>>) => string;

function isLanguage(code: string): code is Language {
  return (LANGUAGES as readonly string[]).includes(code);
}

/**
 * Picks the first supported language among the candidates, in the order given
 * (script `data-lang`, then `<html lang>`, then the browser). A candidate we
 * do not speak falls through to the next one rather than straight to English:
 * a Spanish-speaking visitor on a German shop reads Spanish better.
 */
export function pickLanguage(candidates: ReadonlyArray<string | null | undefined>): Language {
  for (const candidate of candidates) {
    if (!candidate) continue;
    const primary = candidate.trim().toLowerCase().split(/[-_]/)[0] ?? '';
    if (isLanguage(primary)) return primary;
  }
  return DEFAULT_LANGUAGE;
}

/** A translator over one language's messages; unknown placeholders are left visible so they get noticed. */
export function createTranslator(messages: Messages): Translate {
  return (key, vars) => {
    const template = messages[key] ?? key;
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(vars, name) ? String(vars[name]) : whole));
  };
}
