import { useMemo } from 'preact/hooks';
import { useI18n } from '../../i18n/context.ts';
import type { Language } from '../../i18n/index.ts';
import { ca } from './ca.ts';
import { en, type AdminCatalogue, type AdminMessageKey } from './en.ts';
import { es } from './es.ts';

export type { AdminCatalogue, AdminMessageKey } from './en.ts';

/** Keyed by the console's own languages, so adding one there fails the build here until translated. */
export const adminCatalogues: Readonly<Record<Language, AdminCatalogue>> = { ca, es, en };

export type AdminParams = Readonly<Record<string, string | number>>;
export type AdminTranslate = (key: AdminMessageKey, params?: AdminParams) => string;

export function adminTranslatorFor(language: Language): AdminTranslate {
  const catalogue = adminCatalogues[language];
  return (key, params) => {
    const template = catalogue[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
      const value = params[name];
      return value === undefined ? placeholder : String(value);
    });
  };
}

/**
 * The admin pages follow the language the agent picked for the whole console:
 * they read it from the console's I18nContext rather than keeping a choice of
 * their own, so the header's language select switches both at once.
 */
export function useAdminI18n(): { language: Language; t: AdminTranslate } {
  const { language } = useI18n();
  return useMemo(() => ({ language, t: adminTranslatorFor(language) }), [language]);
}

export { en };
