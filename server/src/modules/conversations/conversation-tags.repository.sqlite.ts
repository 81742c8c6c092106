import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Tx } from '../../db/committer.ts';
import { conversations } from '../../db/schema.ts';
import type { ConversationTagsRepository } from './conversation-tags.repository.ts';
import type { ConversationRow } from './conversations.types.ts';

/**
 * The tags column on SQLite. The `…InTx` methods run synchronously on the
 * one connection, where the group commit's transaction is open, so their
 * values are there at once (`now`).
 */
export class SqliteConversationTagsRepository implements ConversationTagsRepository {
  constructor(private readonly db: Db) {}

  setInTx(_tx: Tx, siteId: string, conversationId: string, tags: readonly string[]): ConversationRow | undefined {
    return this.db
      .update(conversations)
      .set({ tags: [...tags] })
      .where(and(eq(conversations.siteId, siteId), eq(conversations.id, conversationId)))
      .returning()
      .get();
  }

  renameInTx(_tx: Tx, siteId: string, from: string, to: string): string[] {
    // Each tag keeps the place of its first occurrence, `to` included.
    const rows = this.db.all<{ id: string }>(sql`
      UPDATE conversations
      SET tags = (
        SELECT json_group_array(tag) FROM (
          SELECT tag FROM (
            SELECT CASE WHEN value = ${from} THEN ${to} ELSE value END AS tag, key FROM json_each(conversations.tags)
          ) GROUP BY tag ORDER BY min(key)
        )
      )
      WHERE site_id = ${siteId} AND EXISTS (SELECT 1 FROM json_each(conversations.tags) WHERE value = ${from})
      RETURNING id`);
    return rows.map((row) => row.id);
  }

  async used(siteId: string): Promise<string[]> {
    return this.db
      .all<{ tag: string }>(sql`SELECT DISTINCT value AS tag FROM conversations, json_each(conversations.tags) WHERE site_id = ${siteId}`)
      .map((row) => row.tag);
  }
}
