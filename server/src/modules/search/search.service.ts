import { HIGHLIGHT_END, HIGHLIGHT_START, SEARCH_PAGE_SIZE, type SearchResults } from '@mostrador/shared';
import { prefixTerms, type SearchTerm } from './search-match.ts';
import { closeSpellings, highlightedWords, queryTerms, typoBudget } from './search-query.ts';
import type { SearchFilters, Searcher, SearchRepository } from './search.repository.ts';
import type { SearchVocabulary } from './search-vocabulary.ts';

/**
 * A word found in this many of the site's messages is matched as a whole word, not as a prefix: FTS5
 * gathers every document of every word a prefix covers before handing out the first row, which costs
 * tens of milliseconds for a word in a third of a million-message history, and a word that common is
 * a whole word the agent typed, not the start of one. The same rule on PostgreSQL, so both find the same.
 */
const COMMON_WORD_DOCUMENTS = 200;
/** Up to this many matches are ranked by relevance (bm25, ts_rank, score them all); beyond it, newest first. */
const RANKED_MATCHES = 1_000;

/**
 * Search as the agent means it: every word as a prefix, accents ignored, close spellings from the index's
 * vocabulary when a word finds nothing as typed, the best matches first. Over a large history the cost
 * stays bounded: common words match whole, and a query with thousands of matches lists the newest first.
 */
export class SearchService {
  constructor(
    private readonly repo: SearchRepository,
    private readonly vocabulary: SearchVocabulary,
  ) {}

  async search(who: Searcher, query: string, filters: SearchFilters, offset: number): Promise<SearchResults> {
    const terms = queryTerms(query);
    if (terms.length === 0) return { hits: [], nextOffset: null, alsoSearched: [], order: 'relevance' };
    const matched: SearchTerm[] = [];
    for (const word of terms) {
      const whole = { word, whole: true, spellings: [] };
      if ((await this.repo.countUpTo(who.siteId, [whole], COMMON_WORD_DOCUMENTS)) >= COMMON_WORD_DOCUMENTS) {
        matched.push(whole);
        continue;
      }
      // A word that matches nothing of the site's as a prefix is probably misspelt: look for its neighbours.
      const spellings =
        typoBudget(word) === 0 || (await this.repo.countUpTo(who.siteId, prefixTerms([word]), 1)) > 0
          ? []
          : closeSpellings(word, await this.vocabulary.near(word, typoBudget(word)));
      matched.push({ word, whole: false, spellings });
    }
    const order = (await this.repo.countUpTo(who.siteId, matched, RANKED_MATCHES + 1)) > RANKED_MATCHES ? 'newest' : 'relevance';
    const page = await this.repo.search(who, matched, filters, SEARCH_PAGE_SIZE + 1, offset, order);
    const hits = page.slice(0, SEARCH_PAGE_SIZE);
    // Only spellings that found something here are named: the vocabulary is every site's.
    const found = new Set(hits.flatMap((hit) => [...highlightedWords(hit.snippet, HIGHLIGHT_START, HIGHLIGHT_END)]));
    return {
      hits,
      nextOffset: page.length > SEARCH_PAGE_SIZE ? offset + SEARCH_PAGE_SIZE : null,
      alsoSearched: matched.flatMap((term) => term.spellings).filter((word) => found.has(word)),
      order,
    };
  }
}
