import { describe, expect, it } from 'vitest';
import { createTranslator, LANGUAGES, pickLanguage } from './catalogue.ts';
import { catalogues } from './catalogues.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('catalogue', () => {
  const english = catalogues.en;

  for (const language of ['ca', 'es'] as const) {
    it(`${language} has exactly the English keys, each non-empty`, () => {
      const messages = catalogues[language];
      expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
      for (const value of Object.values(messages)) expect(value.trim()).not.toBe('');
    });

    it(`${language} uses the same placeholders as English`, () => {
      const messages = catalogues[language];
      for (const key of Object.keys(english) as (keyof typeof english)[]) {
        expect(placeholders(messages[key]), key).toEqual(placeholders(english[key]));
      }
    });
  }

  it('fills placeholders', () => {
    expect(createTranslator(catalogues.es)('typing', { name: 'Marta' })).toBe('Marta está escribiendo…');
    expect(createTranslator(catalogues.en)('unreadCount', { count: 3 })).toBe('3 unread');
  });

  it('has a catalogue for every language the widget offers', () => {
    expect(Object.keys(catalogues).sort()).toEqual([...LANGUAGES].sort());
  });
});

describe('pickLanguage', () => {
  it('prefers the first candidate that is supported, by primary subtag', () => {
    expect(pickLanguage(['ca', 'es-ES', 'en-US'])).toBe('ca');
    expect(pickLanguage([undefined, 'es-ES', 'en-US'])).toBe('es');
    expect(pickLanguage(['', '', 'CA_es'])).toBe('ca');
  });

  it('skips unsupported languages and falls back to English', () => {
    expect(pickLanguage(['de', 'fr-FR', 'es'])).toBe('es');
    expect(pickLanguage(['de', null, 'fr'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });
});
