import type { SearchVocabularyRepository } from './search-vocabulary.repository.ts';

/** Words shorter than this are never corrected (see typoBudget); longer ones are codes, not words. */
const MIN_LENGTH = 4;
const MAX_LENGTH = 32;
/** How old a copy may be before a search asks for a fresh one (and goes on with the old one meanwhile). */
const REFRESH_MS = 60_000;

/**
 * The words of the search index, for typo tolerance: a copy in memory, grouped by first letter.
 *
 * Looking for close spellings in the index costs seconds over a million messages on SQLite (fts5vocab counts each
 * word's documents as it reads it), so the words are read off the event loop (search-vocabulary.repository.ts)
 * and kept here. The first search that needs them waits for the first read; after that a copy older than a
 * minute is refreshed in the background, so a word that first appeared less than a minute ago may not be
 * offered as a spelling yet. PostgreSQL keeps the same copy rather than asking pg_trgm: trigram similarity
 * misses one-letter typos in short words that edit distance finds ("casa" and "cosa" are 0.25 similar, under
 * pg_trgm's 0.3), and a search must find the same on both engines.
 *
 * The vocabulary is the whole server's, every site's words: its words are only candidates for the match,
 * which is limited to the searcher's site, and are never shown unless they found something there.
 */
export class SearchVocabulary {
  #byFirst = new Map<string, string[]>();
  #loadedAt = 0;
  #loading: Promise<void> | null = null;

  constructor(private readonly repo: SearchVocabularyRepository) {}

  /** Vocabulary words with the same first letter and a length within `slack` of the term's. */
  async near(term: string, slack: number): Promise<string[]> {
    if (this.#loadedAt === 0) await this.#load();
    else if (Date.now() - this.#loadedAt > REFRESH_MS) void this.#load().catch(() => undefined);
    const words = this.#byFirst.get(term[0] ?? '') ?? [];
    return words.filter((word) => Math.abs(word.length - term.length) <= slack);
  }

  close(): Promise<void> {
    return this.repo.close();
  }

  #load(): Promise<void> {
    this.#loading ??= this.repo
      .words(MIN_LENGTH, MAX_LENGTH)
      .then((terms) => {
        const byFirst = new Map<string, string[]>();
        for (const term of terms) {
          const first = term[0]!;
          const list = byFirst.get(first);
          if (list) list.push(term);
          else byFirst.set(first, [term]);
        }
        this.#byFirst = byFirst;
        this.#loadedAt = Date.now();
      })
      .finally(() => {
        this.#loading = null;
      });
    return this.#loading;
  }
}
