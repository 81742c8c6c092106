import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../db/engine.ts';
import type { SearchRepository } from './search.repository.ts';
import { PgSearchRepository } from './search.repository.pg.ts';
import { SqliteSearchRepository } from './search.repository.sqlite.ts';
import { searchRoutes } from './search.routes.ts';
import { SearchService } from './search.service.ts';
import { SearchVocabulary } from './search-vocabulary.ts';
import type { SearchVocabularyRepository } from './search-vocabulary.repository.ts';
import { PgSearchVocabularyRepository } from './search-vocabulary.repository.pg.ts';
import { SqliteSearchVocabularyRepository } from './search-vocabulary.repository.sqlite.ts';

export interface SearchModuleDeps {
  app: FastifyInstance;
  engine: Engine;
  /** SQLite's file, which the vocabulary's worker thread opens read-only on its own; unused on PostgreSQL. */
  databaseFile: string;
}

export function searchRepository(engine: Engine): SearchRepository {
  return engine.kind === 'sqlite' ? new SqliteSearchRepository(engine.db) : new PgSearchRepository(engine.db);
}

export function searchVocabularyRepository(engine: Engine, databaseFile: string): SearchVocabularyRepository {
  return engine.kind === 'sqlite' ? new SqliteSearchVocabularyRepository(databaseFile) : new PgSearchVocabularyRepository(engine.db);
}

/**
 * Search over conversations, with its vocabulary of words for near matches; closed with the app. Nothing here is
 * on the message path: each engine indexes messages and notes itself, in the transaction that writes them.
 */
export function createSearchModule(deps: SearchModuleDeps) {
  const { app, engine } = deps;
  const vocabulary = new SearchVocabulary(searchVocabularyRepository(engine, deps.databaseFile));
  app.addHook('onClose', () => vocabulary.close());
  const search = new SearchService(searchRepository(engine), vocabulary);
  return {
    search,
    async routes(server: FastifyInstance): Promise<void> {
      await server.register(searchRoutes, { search });
    },
  };
}
