export { foldTerm } from './search-query.ts';
export { createSearchModule } from './search.module.ts';
