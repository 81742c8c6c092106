import { describe, expect, it } from 'vitest';
import { closeSpellings, editDistance, highlightedWords, queryTerms } from './search-query.ts';

describe('search query building', () => {
  it('folds accents and case like the tokenizer, and drops FTS5 syntax', () => {
    expect(queryTerms('Devolució  "tarjeta" OR NEAR(x*)')).toEqual(['devolucio', 'tarjeta', 'or', 'near', 'x']);
    expect(queryTerms('  ¿?  ')).toEqual([]);
  });

  it('reads the highlighted words of a snippet, folded, and nothing outside the marks', () => {
    expect(highlightedWords('la [Tarjeta] i la [Devolució Ràpida] de la targeta', '[', ']')).toEqual(
      new Set(['tarjeta', 'devolucio', 'rapida']),
    );
    expect(highlightedWords('res marcat', '[', ']')).toEqual(new Set());
  });

  it('measures edit distance, giving up past the budget', () => {
    expect(editDistance('tarjta', 'tarjeta', 1)).toBe(1);
    expect(editDistance('devolucio', 'devolucion', 2)).toBe(1);
    expect(editDistance('tarjta', 'carta', 1)).toBe(Infinity);
  });

  it('finds close spellings nearest first, none for short words, and skips what the prefix already finds', () => {
    const vocabulary = ['tarjeta', 'tarjetas', 'targeta', 'tarifa', 'tarjtaxx'];
    expect(closeSpellings('tarjta', vocabulary)).toEqual(['tarjeta']);
    expect(closeSpellings('tarjetaa', vocabulary)).toEqual(['tarjeta', 'tarjetas', 'targeta']);
    expect(closeSpellings('tej', ['tea', 'tel'])).toEqual([]);
  });
});
