import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Tx } from '../../db/committer.ts';
import { cannedReplyUses } from '../../db/schema.ts';
import type { CannedUseRow, CannedUsesRepository, RecentUse } from './canned-uses.repository.ts';

/** canned_reply_uses on SQLite: the suggestions' reads and writes, and the privacy registry's. */
export class SqliteCannedUsesRepository implements CannedUsesRepository {
  constructor(private readonly db: Db) {}

  async insert(row: Omit<CannedUseRow, 'id'>): Promise<void> {
    this.db.insert(cannedReplyUses).values(row).run();
  }

  async recent(siteId: string, limit: number): Promise<RecentUse[]> {
    return this.db
      .select({ replyId: cannedReplyUses.replyId, conversationId: cannedReplyUses.conversationId, seq: cannedReplyUses.seq })
      .from(cannedReplyUses)
      .where(eq(cannedReplyUses.siteId, siteId))
      .orderBy(desc(cannedReplyUses.usedAt), desc(cannedReplyUses.id))
      .limit(limit)
      .all();
  }

  async inConversations(siteId: string, conversationIds: readonly string[]): Promise<CannedUseRow[]> {
    return this.db.select().from(cannedReplyUses).where(this.#of(siteId, conversationIds)).orderBy(cannedReplyUses.id).all();
  }

  /** Runs at once: the group commit's transaction is open on this connection. */
  deleteInConversationsInTx(_tx: Tx, siteId: string, conversationIds: readonly string[]): number {
    return this.db.delete(cannedReplyUses).where(this.#of(siteId, conversationIds)).run().changes;
  }

  #of(siteId: string, conversationIds: readonly string[]) {
    return and(eq(cannedReplyUses.siteId, siteId), inArray(cannedReplyUses.conversationId, [...conversationIds]));
  }
}
