import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { cannedReplyUses } from '../../db/schema.ts';

export type CannedUseRow = typeof cannedReplyUses.$inferSelect;

/** The only code that touches canned_reply_uses; every read and write takes the site. */
export class CannedUsesRepository {
  constructor(private readonly db: Db) {}

  insert(row: Omit<CannedUseRow, 'id'>): void {
    this.db.insert(cannedReplyUses).values(row).run();
  }

  /** The site's latest uses, newest first. */
  recent(siteId: string, limit: number): Array<Pick<CannedUseRow, 'replyId' | 'conversationId' | 'seq'>> {
    return this.db
      .select({ replyId: cannedReplyUses.replyId, conversationId: cannedReplyUses.conversationId, seq: cannedReplyUses.seq })
      .from(cannedReplyUses)
      .where(eq(cannedReplyUses.siteId, siteId))
      .orderBy(desc(cannedReplyUses.usedAt), desc(cannedReplyUses.id))
      .limit(limit)
      .all();
  }

  inConversations(siteId: string, conversationIds: readonly string[]): CannedUseRow[] {
    return this.db.select().from(cannedReplyUses).where(this.#of(siteId, conversationIds)).orderBy(cannedReplyUses.id).all();
  }

  deleteInConversations(siteId: string, conversationIds: readonly string[]): number {
    return this.db.delete(cannedReplyUses).where(this.#of(siteId, conversationIds)).run().changes;
  }

  #of(siteId: string, conversationIds: readonly string[]) {
    return and(eq(cannedReplyUses.siteId, siteId), inArray(cannedReplyUses.conversationId, [...conversationIds]));
  }
}
