import type { SearchHit } from '@mostrador/shared';
import type { SearchTerm } from './search-match.ts';

export type { SearchTerm } from './search-match.ts';

/** Who is searching: the site and agent come from the session. */
export interface Searcher {
  siteId: string;
  agentId: string;
  role: 'admin' | 'agent';
  departmentIds: readonly string[];
}

/** Relevance when there are few enough matches to rank them all; otherwise newest first. */
export type SearchOrder = 'relevance' | 'newest';

export interface SearchFilters {
  tag?: string | undefined;
  agentId?: string | undefined;
  departmentId?: string | undefined;
  status?: 'open' | 'closed' | undefined;
  from?: number | undefined;
  to?: number | undefined;
}

/**
 * The only code that reads the full-text index of messages and notes, on either engine (search.repository.test.ts
 * holds both to one contract). SQLite: FTS5 (drizzle/0006_search.sql); PostgreSQL: a GIN index over a tsvector
 * (drizzle-pg/0003_search.sql). Both are kept by the database in the writing transaction, so nothing on the
 * message path indexes. Every read takes the site; `search` also limits hits to what the searcher may see, by
 * the conversations module's rule: admins see the whole site; agents their own and guest chats, and the open
 * queue of their departments.
 */
export interface SearchRepository {
  /**
   * How many of the site's indexed messages and notes match, counting no further than `limit`, so a count
   * stops early however common the words are.
   */
  countUpTo(siteId: string, terms: readonly SearchTerm[], limit: number): Promise<number>;
  /**
   * A page of hits: by relevance (then newest first), or newest first. The snippet is a few words of the body
   * around the match, matched words between HIGHLIGHT_START and HIGHLIGHT_END.
   */
  search(
    who: Searcher,
    terms: readonly SearchTerm[],
    filters: SearchFilters,
    limit: number,
    offset: number,
    order: SearchOrder,
  ): Promise<SearchHit[]>;
}
