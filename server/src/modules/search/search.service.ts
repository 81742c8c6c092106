import { SEARCH_PAGE_SIZE, type SearchResults } from '@mostrador/shared';
import { closeSpellings, matchExpression, queryTerms, typoBudget } from './search-query.ts';
import type { SearchFilters, Searcher, SearchRepository } from './search.repository.ts';

/**
 * Search as the agent means it: every word as a prefix, accents ignored, and close spellings from the
 * index's vocabulary when a word finds nothing as typed.
 */
export class SearchService {
  constructor(private readonly repo: SearchRepository) {}

  search(who: Searcher, query: string, filters: SearchFilters, offset: number): SearchResults {
    const terms = queryTerms(query);
    const exact = matchExpression(terms);
    if (!exact) return { hits: [], nextOffset: null, alsoSearched: [] };
    // A word that matches nothing as a prefix is probably misspelt: look for its neighbours in the vocabulary.
    const spellings = new Map<string, string[]>();
    for (const term of terms) {
      if (typoBudget(term) === 0) continue;
      const prefix = matchExpression([term])!;
      if (this.repo.search({ ...who, role: 'admin' }, prefix, {}, 1, 0).length > 0) continue;
      const near = closeSpellings(term, this.repo.vocabularyNear(term, typoBudget(term)));
      if (near.length > 0) spellings.set(term, near);
    }
    const match = matchExpression(terms, spellings)!;
    const page = this.repo.search(who, match, filters, SEARCH_PAGE_SIZE + 1, offset);
    return {
      hits: page.slice(0, SEARCH_PAGE_SIZE),
      nextOffset: page.length > SEARCH_PAGE_SIZE ? offset + SEARCH_PAGE_SIZE : null,
      alsoSearched: [...spellings.values()].flat(),
    };
  }
}
