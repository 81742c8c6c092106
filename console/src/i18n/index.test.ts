import { describe, expect, it } from 'vitest';
import { catalogues, en, LANGUAGES, pickLanguage, translate } from './index.ts';

const placeholdersOf = (template: string): string[] => [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();

describe('catalogues', () => {
  it('give every language every key of the English source, non-empty', () => {
    const sourceKeys = Object.keys(en).sort();
    for (const language of LANGUAGES) {
      const catalogue = catalogues[language];
      expect(Object.keys(catalogue).sort(), language).toEqual(sourceKeys);
      for (const key of sourceKeys) {
        const text = catalogue[key as keyof typeof en];
        expect(text.trim().length, `${language} ${key}`).toBeGreaterThan(0);
      }
    }
  });

  it('keep the same placeholders as the English source', () => {
    for (const language of LANGUAGES) {
      for (const [key, template] of Object.entries(en)) {
        const translated = catalogues[language][key as keyof typeof en];
        expect(placeholdersOf(translated), `${language} ${key}`).toEqual(placeholdersOf(template));
      }
    }
  });
});

describe('pickLanguage', () => {
  it('prefers the saved choice', () => {
    expect(pickLanguage('es', ['ca-ES'])).toBe('es');
  });

  it('falls back to the first supported browser language by its primary subtag', () => {
    expect(pickLanguage(null, ['fr-FR', 'ca-ES', 'es'])).toBe('ca');
  });

  it('ignores an unknown saved value and defaults to English', () => {
    expect(pickLanguage('xx', ['de-DE'])).toBe('en');
  });
});

describe('translate', () => {
  it('fills placeholders', () => {
    expect(translate(catalogues.en, 'inbox.unread', { count: 3 })).toBe('3 unread');
  });
});
