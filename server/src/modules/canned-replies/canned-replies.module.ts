import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { CannedRepliesRepository } from './canned-replies.repository.ts';
import { cannedRoutes } from './canned-replies.routes.ts';
import { CannedRepliesService, type CannedPicturePort } from './canned-replies.service.ts';
import { CannedSuggestions, type ChatLines } from './canned-suggest.service.ts';
import { CannedUsesPersonalData } from './canned-uses.personal-data.ts';
import { CannedUsesRepository } from './canned-uses.repository.ts';

export interface CannedRepliesModuleDeps {
  db: Db;
  departments: {
    byId(siteId: string, id: string): { slug: string } | undefined;
    bySlug(siteId: string, slug: string): { id: string } | undefined;
  };
  pictures: CannedPicturePort;
  /** The shopper's lines a suggestion answers, and the subject's conversation ids (the conversations module's). */
  lines: ChatLines & { idsOfVisitors(siteId: string, visitorIds: readonly string[]): string[] };
  shopName: (siteId: string) => string;
}

/** The agent's toolbox: canned replies, the suggestions that learn from their uses, and the admin's import and export. */
export function createCannedRepliesModule(deps: CannedRepliesModuleDeps) {
  const { departments } = deps;
  // Which canned replies agents used where: the suggestions learn from it, and it is the shopper's data.
  const cannedUses = new CannedUsesRepository(deps.db);
  const canned = new CannedRepliesService(
    new CannedRepliesRepository(deps.db),
    { departmentExists: (siteId, departmentId) => departments.byId(siteId, departmentId) !== undefined },
    deps.pictures,
  );
  return {
    canned,
    /** Which replies were used in a shopper's conversations, for the privacy registry. */
    personalData: () => new CannedUsesPersonalData(cannedUses, (siteId, visitorIds) => deps.lines.idsOfVisitors(siteId, visitorIds)),
    async routes(server: FastifyInstance): Promise<void> {
      await server.register(cannedRoutes, {
        canned,
        suggestions: new CannedSuggestions(canned, cannedUses, deps.lines),
        shopName: deps.shopName,
        departments: (siteId) => ({
          slugOf: (id) => departments.byId(siteId, id)?.slug ?? null,
          idOf: (slug) => departments.bySlug(siteId, slug)?.id ?? null,
        }),
      });
    },
  };
}
