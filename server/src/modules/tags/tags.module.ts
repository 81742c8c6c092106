import type { FastifyInstance } from 'fastify';
import { committerFor } from '../../db/committer.ts';
import type { Engine } from '../../db/engine.ts';
import type { GroupCommit } from '../../db/group-commit.ts';
import type { TagsRepository } from './tags.repository.ts';
import { PgTagsRepository } from './tags.repository.pg.ts';
import { SqliteTagsRepository } from './tags.repository.sqlite.ts';
import { tagRoutes } from './tags.routes.ts';
import { TagsService, type TaggedConversations } from './tags.service.ts';

export interface TagsModuleDeps {
  engine: Engine;
  /** SQLite's edits ride the group commit, with the other modules' writes. */
  groupCommit?: GroupCommit | undefined;
  conversations: TaggedConversations;
}

export function tagsRepository(engine: Engine): TagsRepository {
  return engine.kind === 'sqlite' ? new SqliteTagsRepository(engine.db) : new PgTagsRepository(engine.db);
}

/**
 * The site's list of tags, with the admin's routes. Nothing is kept in
 * memory: the message path only adds names (`ensureInTx`, inside its own
 * step), and only the console's requests read the list.
 */
export function createTagsModule(deps: TagsModuleDeps) {
  const committer = committerFor(deps.engine, deps.groupCommit);
  const tags: TagsService = new TagsService(tagsRepository(deps.engine), committer, deps.conversations);
  return {
    tags,
    async routes(server: FastifyInstance): Promise<void> {
      await server.register(tagRoutes, { tags });
    },
  };
}
