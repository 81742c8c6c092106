import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../i18n/index.ts';
import { adminCatalogues, adminTranslatorFor, en } from './index.ts';

const placeholdersOf = (template: string): string[] => [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();

describe('admin catalogues', () => {
  it('give every language every key of the English source, non-empty', () => {
    const sourceKeys = Object.keys(en).sort();
    for (const language of LANGUAGES) {
      const catalogue = adminCatalogues[language];
      expect(Object.keys(catalogue).sort(), language).toEqual(sourceKeys);
      for (const key of sourceKeys) {
        expect(catalogue[key as keyof typeof en].trim().length, `${language} ${key}`).toBeGreaterThan(0);
      }
    }
  });

  it('keep the same placeholders as the English source', () => {
    for (const language of LANGUAGES) {
      for (const [key, template] of Object.entries(en)) {
        const translated = adminCatalogues[language][key as keyof typeof en];
        expect(placeholdersOf(translated), `${language} ${key}`).toEqual(placeholdersOf(template));
      }
    }
  });

  it('fill placeholders', () => {
    expect(adminTranslatorFor('ca')('agents.load', { load: 2, capacity: 5 })).toBe('2 de 5');
  });
});
