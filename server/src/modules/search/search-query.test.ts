import { describe, expect, it } from 'vitest';
import { closeSpellings, editDistance, highlightedWords, matchExpression, queryTerms } from './search-query.ts';

describe('search query building', () => {
  it('folds accents and case like the tokenizer, and drops FTS5 syntax', () => {
    expect(queryTerms('Devolució  "tarjeta" OR NEAR(x*)')).toEqual(['devolucio', 'tarjeta', 'or', 'near', 'x']);
    expect(queryTerms('  ¿?  ')).toEqual([]);
  });

  it('matches every word as a quoted prefix', () => {
    expect(matchExpression(['devolucio', 'tarjeta'])).toBe('"devolucio"* AND "tarjeta"*');
    expect(matchExpression([])).toBeNull();
  });

  it('matches the words it is told are common as whole words', () => {
    expect(matchExpression(['comanda', 'devol'], new Map(), new Set(['comanda']))).toBe('"comanda" AND "devol"*');
  });

  it('reads the highlighted words of a snippet, folded, and nothing outside the marks', () => {
    expect(highlightedWords('la [Tarjeta] i la [Devolució Ràpida] de la targeta', '[', ']')).toEqual(
      new Set(['tarjeta', 'devolucio', 'rapida']),
    );
    expect(highlightedWords('res marcat', '[', ']')).toEqual(new Set());
  });

  it('adds close spellings from the vocabulary as alternatives', () => {
    const spellings = new Map([['tarjta', ['tarjeta']]]);
    expect(matchExpression(['tarjta', 'visa'], spellings)).toBe('("tarjta"* OR "tarjeta") AND "visa"*');
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
