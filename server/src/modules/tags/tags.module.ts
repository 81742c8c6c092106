import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { GroupCommit } from '../../db/group-commit.ts';
import { TagsRepository } from './tags.repository.ts';
import { tagRoutes } from './tags.routes.ts';
import { TagsService, type TaggedConversations } from './tags.service.ts';

export interface TagsModuleDeps {
  db: Db;
  groupCommit: GroupCommit;
  conversations: TaggedConversations;
}

/** The site's list of tags, with the admin's routes. */
export function createTagsModule(deps: TagsModuleDeps) {
  const tags: TagsService = new TagsService(new TagsRepository(deps.db), deps.groupCommit, deps.conversations);
  return {
    tags,
    async routes(server: FastifyInstance): Promise<void> {
      await server.register(tagRoutes, { tags });
    },
  };
}
