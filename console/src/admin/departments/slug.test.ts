import { describe, expect, it } from 'vitest';
import { suggestSlug } from './slug.ts';

describe('suggestSlug', () => {
  it('lowercases and hyphenates words', () => {
    expect(suggestSlug('Sales & Billing')).toBe('sales-billing');
  });

  it('drops accents and joins the Catalan middle dot', () => {
    expect(suggestSlug('Atenció al client')).toBe('atencio-al-client');
    expect(suggestSlug('Col·lecció  2024 ')).toBe('colleccio-2024');
  });

  it('never starts or ends with a hyphen, even when cut to length', () => {
    expect(suggestSlug('  --Hola!-- ')).toBe('hola');
    const long = suggestSlug(`${'a'.repeat(39)} b`);
    expect(long).toBe('a'.repeat(39));
  });
});
