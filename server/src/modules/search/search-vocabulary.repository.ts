/**
 * The words of the full-text index, every site's, for typo tolerance (search-vocabulary.ts keeps a copy).
 * SQLite reads them from fts5vocab in a worker thread; PostgreSQL from conversation_search_words, which its
 * triggers keep (drizzle-pg/0003_search.sql). The same words on both engines: folded, accents gone.
 */
export interface SearchVocabularyRepository {
  /** Every word whose length is within the bounds, in no particular order. */
  words(minLength: number, maxLength: number): Promise<string[]>;
  /** Lets go of what reading holds (SQLite: the worker and its connection). */
  close(): Promise<void>;
}
