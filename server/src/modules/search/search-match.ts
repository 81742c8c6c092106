/**
 * One query, two engines' syntax. The service decides what each word matches; the repository of each engine
 * spells it: an FTS5 MATCH expression on SQLite, a tsquery on PostgreSQL. Pure, so both are tested without a
 * database, and the two spellings are held side by side.
 */

/** One word of a query, folded (search-query.ts): as a prefix unless `whole`, or as any of its close spellings. */
export interface SearchTerm {
  word: string;
  whole: boolean;
  spellings: readonly string[];
}

/** Each word as a prefix, none whole, no spellings: what a query matches before the index is consulted. */
export function prefixTerms(words: readonly string[]): SearchTerm[] {
  return words.map((word) => ({ word, whole: false, spellings: [] }));
}

const ftsQuoted = (word: string) => `"${word.replaceAll('"', '""')}"`;

/**
 * FTS5: every word must match (AND); each as a quoted prefix (`"word"*`), or whole, or as one of its close
 * spellings (OR). Quoted, so nothing the agent types is read as FTS5 syntax. Null: nothing to search.
 */
export function ftsMatch(terms: readonly SearchTerm[]): string | null {
  if (terms.length === 0) return null;
  return terms
    .map((term) => {
      const options = [term.whole ? ftsQuoted(term.word) : `${ftsQuoted(term.word)}*`, ...term.spellings.map(ftsQuoted)];
      return options.length === 1 ? options[0] : `(${options.join(' OR ')})`;
    })
    .join(' AND ');
}

/** A tsquery lexeme, quoted so that it is taken as it is: no operator, no normalisation (the word is folded already). */
const tsQuoted = (word: string) => `'${word.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;

/** The same expression as a tsquery (`'word':*`, `&`, `|`), to be cast with `::tsquery`. Null: nothing to search. */
export function tsQuery(terms: readonly SearchTerm[]): string | null {
  if (terms.length === 0) return null;
  return terms
    .map((term) => {
      const options = [term.whole ? tsQuoted(term.word) : `${tsQuoted(term.word)}:*`, ...term.spellings.map(tsQuoted)];
      return options.length === 1 ? options[0] : `(${options.join(' | ')})`;
    })
    .join(' & ');
}
