import type { FastifyInstance } from 'fastify';
import { SearchRepository } from './search.repository.ts';
import { searchRoutes } from './search.routes.ts';
import { SearchService } from './search.service.ts';
import { SearchVocabulary } from './search-vocabulary.ts';

/** Search over conversations, with its vocabulary of words for near matches; closed with the app. */
export function createSearchModule(deps: { app: FastifyInstance; databaseFile: string }) {
  const { app } = deps;
  const vocabulary = new SearchVocabulary(deps.databaseFile);
  app.addHook('onClose', () => vocabulary.close());
  const search = new SearchService(new SearchRepository(app.sqlite), vocabulary);
  return {
    search,
    async routes(server: FastifyInstance): Promise<void> {
      await server.register(searchRoutes, { search });
    },
  };
}
