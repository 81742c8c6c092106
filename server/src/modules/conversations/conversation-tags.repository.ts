import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { ConversationRow } from './conversations.types.ts';

/**
 * The tags column of conversations: set on one conversation, or renamed and merged across a site (an admin's
 * edit of the tag list). Kept apart from the conversations repository, which is long enough.
 */
export class ConversationTagsRepository {
  constructor(
    private readonly db: Db,
    private readonly byId: (siteId: string, id: string) => ConversationRow | undefined,
  ) {}

  set(siteId: string, conversationId: string, tags: string[]): ConversationRow | undefined {
    this.db.run(sql`UPDATE conversations SET tags = ${JSON.stringify(tags)} WHERE site_id = ${siteId} AND id = ${conversationId}`);
    return this.byId(siteId, conversationId);
  }

  /** Renames (or, when `to` is already there, merges) a tag in every conversation of the site; answers their ids. */
  rename(siteId: string, from: string, to: string): string[] {
    const rows = this.db.all<{ id: string }>(sql`
      UPDATE conversations
      SET tags = (
        SELECT json_group_array(tag) FROM (
          SELECT DISTINCT CASE WHEN value = ${from} THEN ${to} ELSE value END AS tag FROM json_each(conversations.tags)
        )
      )
      WHERE site_id = ${siteId} AND EXISTS (SELECT 1 FROM json_each(conversations.tags) WHERE value = ${from})
      RETURNING id`);
    return rows.map((row) => row.id);
  }

  /** Every tag name used on the site's conversations. */
  used(siteId: string): string[] {
    return this.db
      .all<{ tag: string }>(sql`SELECT DISTINCT value AS tag FROM conversations, json_each(conversations.tags) WHERE site_id = ${siteId}`)
      .map((row) => row.tag);
  }
}
