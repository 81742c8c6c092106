export { SearchRepository } from './search.repository.ts';
export { SearchService } from './search.service.ts';
export { searchRoutes } from './search.routes.ts';
export { SearchVocabulary } from './search-vocabulary.ts';
export { foldTerm } from './search-query.ts';
export { createSearchModule } from './search.module.ts';
