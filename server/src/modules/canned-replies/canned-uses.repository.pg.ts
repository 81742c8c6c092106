import { and, desc, eq, inArray } from 'drizzle-orm';
import { pgTxOf, type Tx } from '../../db/committer.ts';
import type { PgDb } from '../../db/pg/client.ts';
import { cannedReplyUses } from '../../db/pg/schema/index.ts';
import type { CannedUseRow, CannedUsesRepository, RecentUse } from './canned-uses.repository.ts';

/** canned_reply_uses on PostgreSQL, for the suggestions: the same contract as the SQLite repository's. */
export class PgCannedUsesRepository implements CannedUsesRepository {
  constructor(private readonly db: PgDb) {}

  async insert(row: Omit<CannedUseRow, 'id'>): Promise<void> {
    await this.db.insert(cannedReplyUses).values(row);
  }

  recent(siteId: string, limit: number): Promise<RecentUse[]> {
    return this.db
      .select({ replyId: cannedReplyUses.replyId, conversationId: cannedReplyUses.conversationId, seq: cannedReplyUses.seq })
      .from(cannedReplyUses)
      .where(eq(cannedReplyUses.siteId, siteId))
      .orderBy(desc(cannedReplyUses.usedAt), desc(cannedReplyUses.id))
      .limit(limit);
  }

  async inConversations(siteId: string, conversationIds: readonly string[]): Promise<CannedUseRow[]> {
    if (conversationIds.length === 0) return [];
    return this.db.select().from(cannedReplyUses).where(inConversations(siteId, conversationIds)).orderBy(cannedReplyUses.id);
  }

  async deleteInConversationsInTx(tx: Tx, siteId: string, conversationIds: readonly string[]): Promise<number> {
    if (conversationIds.length === 0) return 0;
    const result = await pgTxOf(tx).delete(cannedReplyUses).where(inConversations(siteId, conversationIds));
    return result.rowCount ?? 0;
  }
}

const inConversations = (siteId: string, conversationIds: readonly string[]) =>
  and(eq(cannedReplyUses.siteId, siteId), inArray(cannedReplyUses.conversationId, [...conversationIds]));
