/**
 * Turning what the agent typed into words to search for (search-match.ts spells them for each engine). Pure, so
 * it is tested without a database.
 *
 * - Words are folded like the indexes fold them (SQLite: `unicode61 remove_diacritics 2`; PostgreSQL: unaccent
 *   and lower case): lower case, accents gone.
 * - Each word matches as a prefix ("devolucio" finds "devolució", "devolucions").
 * - Each word may also match close spellings from the index's own vocabulary ("tarjta" finds "tarjeta").
 */
export const MAX_TERMS = 8;

export function foldTerm(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a query, folded; punctuation and FTS5 operators are just separators. */
export function queryTerms(query: string): string[] {
  const words = foldTerm(query).match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_TERMS);
}

/** How many edits a word of this length may be off by: none for short words, where a typo is another word. */
export function typoBudget(term: string): number {
  return term.length <= 3 ? 0 : term.length <= 6 ? 1 : 2;
}

/** Levenshtein distance with an early exit once it exceeds `max` (Infinity then). */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return Infinity;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return Infinity;
    previous = current;
  }
  return previous[b.length]! <= max ? previous[b.length]! : Infinity;
}

/** The closest vocabulary words, nearest first, at most `limit`. */
export function closeSpellings(term: string, vocabulary: readonly string[], limit = 5): string[] {
  const max = typoBudget(term);
  if (max === 0) return [];
  return vocabulary
    .filter((word) => word !== term && !word.startsWith(term))
    .map((word) => ({ word, distance: editDistance(term, word, max) }))
    .filter((entry) => entry.distance !== Infinity)
    .sort((x, y) => x.distance - y.distance || x.word.localeCompare(y.word))
    .slice(0, limit)
    .map((entry) => entry.word);
}

/** The folded words a snippet highlights. */
export function highlightedWords(snippet: string, start: string, end: string): Set<string> {
  const words = new Set<string>();
  for (const part of snippet.split(start).slice(1)) {
    const marked = part.split(end)[0] ?? '';
    for (const word of queryTerms(marked)) words.add(word);
  }
  return words;
}
