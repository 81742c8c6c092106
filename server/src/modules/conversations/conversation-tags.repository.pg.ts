import { and, eq, sql } from 'drizzle-orm';
import { pgTxOf, type Tx } from '../../db/committer.ts';
import type { PgDb } from '../../db/pg/client.ts';
import { conversations } from '../../db/pg/schema/index.ts';
import type { ConversationTagsRepository } from './conversation-tags.repository.ts';
import type { ConversationRow } from './conversations.types.ts';

/** The tags column (jsonb) on PostgreSQL: the same contract as the SQLite repository's; the `…InTx` methods run on the step's transaction. */
export class PgConversationTagsRepository implements ConversationTagsRepository {
  constructor(private readonly db: PgDb) {}

  async setInTx(tx: Tx, siteId: string, conversationId: string, tags: readonly string[]): Promise<ConversationRow | undefined> {
    const [row] = await pgTxOf(tx)
      .update(conversations)
      .set({ tags: [...tags] })
      .where(and(eq(conversations.siteId, siteId), eq(conversations.id, conversationId)))
      .returning();
    return row;
  }

  async renameInTx(tx: Tx, siteId: string, from: string, to: string): Promise<string[]> {
    // Each tag keeps the place of its first occurrence, `to` included. The rows it changes stay locked until the
    // step commits, so a second rename waits and then sees the names this one wrote.
    const { rows } = await pgTxOf(tx).execute<{ id: string }>(sql`
      UPDATE conversations
      SET tags = (
        SELECT jsonb_agg(tag ORDER BY place) FROM (
          SELECT CASE WHEN value = ${from} THEN ${to} ELSE value END AS tag, min(place) AS place
          FROM jsonb_array_elements_text(conversations.tags) WITH ORDINALITY AS element(value, place)
          GROUP BY 1
        ) AS renamed
      )
      WHERE site_id = ${siteId} AND tags @> jsonb_build_array(${from}::text)
      RETURNING id`);
    return rows.map((row) => row.id);
  }

  async used(siteId: string): Promise<string[]> {
    const { rows } = await this.db.execute<{ tag: string }>(
      sql`SELECT DISTINCT jsonb_array_elements_text(tags) AS tag FROM conversations WHERE site_id = ${siteId}`,
    );
    return rows.map((row) => row.tag);
  }
}
