import { ca } from './ca.ts';
import { en, type Catalogue, type MessageKey } from './en.ts';
import { es } from './es.ts';

export type { Catalogue, MessageKey } from './en.ts';

export const LANGUAGES = ['ca', 'es', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const catalogues: Readonly<Record<Language, Catalogue>> = { ca, es, en };

/** Each language is offered under its own name, so anyone can find theirs. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  ca: 'Català',
  es: 'Español',
  en: 'English',
};

export const LANGUAGE_STORAGE_KEY = 'mostrador.console.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The agent's saved choice wins; otherwise the first browser language we have
 * a catalogue for (matching `ca-ES` to `ca`); otherwise English.
 */
export function pickLanguage(saved: string | null, browserLanguages: readonly string[]): Language {
  if (isLanguage(saved)) return saved;
  for (const tag of browserLanguages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return 'en';
}

export type MessageParams = Readonly<Record<string, string | number>>;

export function translate(catalogue: Catalogue, key: MessageKey, params?: MessageParams): string {
  const template = catalogue[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    return value === undefined ? placeholder : String(value);
  });
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function translatorFor(language: Language): Translate {
  const catalogue = catalogues[language];
  return (key, params) => translate(catalogue, key, params);
}

export { en };
