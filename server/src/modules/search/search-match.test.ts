import { describe, expect, it } from 'vitest';
import { ftsMatch, prefixTerms, tsQuery } from './search-match.ts';

describe('a query in each engine’s syntax', () => {
  it('matches every word as a quoted prefix', () => {
    expect(ftsMatch(prefixTerms(['devolucio', 'tarjeta']))).toBe('"devolucio"* AND "tarjeta"*');
    expect(tsQuery(prefixTerms(['devolucio', 'tarjeta']))).toBe("'devolucio':* & 'tarjeta':*");
    expect(ftsMatch([])).toBeNull();
    expect(tsQuery([])).toBeNull();
  });

  it('matches the words it is told are common as whole words', () => {
    const terms = [
      { word: 'comanda', whole: true, spellings: [] },
      { word: 'devol', whole: false, spellings: [] },
    ];
    expect(ftsMatch(terms)).toBe('"comanda" AND "devol"*');
    expect(tsQuery(terms)).toBe("'comanda' & 'devol':*");
  });

  it('adds close spellings as alternatives', () => {
    const terms = [
      { word: 'tarjta', whole: false, spellings: ['tarjeta', 'targeta'] },
      { word: 'visa', whole: false, spellings: [] },
    ];
    expect(ftsMatch(terms)).toBe('("tarjta"* OR "tarjeta" OR "targeta") AND "visa"*');
    expect(tsQuery(terms)).toBe("('tarjta':* | 'tarjeta' | 'targeta') & 'visa':*");
  });

  it('quotes what either syntax would read as its own', () => {
    expect(ftsMatch(prefixTerms(['a"b']))).toBe('"a""b"*');
    expect(tsQuery(prefixTerms(["a'b\\c"]))).toBe("'a''b\\\\c':*");
  });
});
