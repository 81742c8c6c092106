import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../db/engine.ts';
import type { CannedRepliesRepository } from './canned-replies.repository.ts';
import { PgCannedRepliesRepository } from './canned-replies.repository.pg.ts';
import { SqliteCannedRepliesRepository } from './canned-replies.repository.sqlite.ts';
import { cannedRoutes } from './canned-replies.routes.ts';
import { CannedRepliesService, type CannedPicturePort, type CannedProductPort } from './canned-replies.service.ts';
import { CannedSuggestions, type ChatLines } from './canned-suggest.service.ts';
import { CannedUsesPersonalData, type SubjectConversations } from './canned-uses.personal-data.ts';
import type { CannedUsesRepository } from './canned-uses.repository.ts';
import { PgCannedUsesRepository } from './canned-uses.repository.pg.ts';
import { SqliteCannedUsesRepository } from './canned-uses.repository.sqlite.ts';

export interface CannedRepliesModuleDeps {
  engine: Engine;
  departments: {
    byId(siteId: string, id: string): { slug: string } | undefined;
    bySlug(siteId: string, slug: string): { id: string } | undefined;
  };
  pictures: CannedPicturePort;
  /** The site's product catalogue, which a reply's product must be in. */
  products: CannedProductPort;
  /** The shopper's lines a suggestion answers, and the subject's conversation ids (the conversations module's). */
  lines: ChatLines & SubjectConversations;
  shopName: (siteId: string) => string;
}

export function cannedRepliesRepository(engine: Engine): CannedRepliesRepository {
  return engine.kind === 'sqlite' ? new SqliteCannedRepliesRepository(engine.db) : new PgCannedRepliesRepository(engine.db);
}

export function cannedUsesRepository(engine: Engine): CannedUsesRepository {
  return engine.kind === 'sqlite' ? new SqliteCannedUsesRepository(engine.db) : new PgCannedUsesRepository(engine.db);
}

/**
 * The agent's toolbox: canned replies, the suggestions that learn from their uses, and the admin's import and
 * export. Nothing of it is kept in memory: only the console's requests read it, never the message path.
 */
export function createCannedRepliesModule(deps: CannedRepliesModuleDeps) {
  const { departments, engine } = deps;
  const canned = new CannedRepliesService(
    cannedRepliesRepository(engine),
    { departmentExists: (siteId, departmentId) => departments.byId(siteId, departmentId) !== undefined },
    deps.pictures,
    deps.products,
  );
  return {
    canned,
    /** Which replies were used in a shopper's conversations, for the privacy registry. */
    personalData: () => new CannedUsesPersonalData(cannedUsesRepository(engine), deps.lines),
    async routes(server: FastifyInstance): Promise<void> {
      await server.register(cannedRoutes, {
        canned,
        // Which canned replies agents used where: the suggestions learn from it, and it is the shopper's data.
        suggestions: new CannedSuggestions(canned, cannedUsesRepository(engine), deps.lines),
        shopName: deps.shopName,
        departments: (siteId) => ({
          slugOf: (id) => departments.byId(siteId, id)?.slug ?? null,
          idOf: (slug) => departments.bySlug(siteId, slug)?.id ?? null,
        }),
      });
    },
  };
}
