import { sql } from 'drizzle-orm';
import type { PgDb } from '../../db/pg/client.ts';
import type { SearchVocabularyRepository } from './search-vocabulary.repository.ts';

/**
 * conversation_search_words on PostgreSQL. The query runs on the server, off the event loop; the words come
 * back as one text, which splits far faster than node-postgres parses a row per word (words hold no blanks:
 * the index's words are runs of letters and digits).
 */
export class PgSearchVocabularyRepository implements SearchVocabularyRepository {
  constructor(private readonly db: PgDb) {}

  async words(minLength: number, maxLength: number): Promise<string[]> {
    const result = await this.db.execute<{ words: string | null }>(sql`
      SELECT string_agg(word, ' ') AS words FROM conversation_search_words
      WHERE length(word) BETWEEN ${minLength} AND ${maxLength}`);
    const words = result.rows[0]?.words;
    return words ? words.split(' ') : [];
  }

  async close(): Promise<void> {
    // The pool is the app's, closed with it.
  }
}
