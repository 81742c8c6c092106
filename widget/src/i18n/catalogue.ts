import { ca } from './ca.ts';
import { en, type MessageKey, type Messages } from './en.ts';
import { es } from './es.ts';

export const catalogues = { en, ca, es } as const satisfies Record<string, Messages>;
export type Language = keyof typeof catalogues;
export const DEFAULT_LANGUAGE: Language = 'en';

export type Translate = (key: MessageKey, vars?: Readonly<Record<string, string | number>>) => string;

function isLanguage(code: string): code is Language {
  return Object.hasOwn(catalogues, code);
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

/** A translator for one language; unknown placeholders are left visible so they get noticed. */
export function createTranslator(language: Language): Translate {
  const messages: Messages = catalogues[language];
  return (key, vars) => {
    const template = messages[key];
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.hasOwn(vars, name) ? String(vars[name]) : whole,
    );
  };
}
