import { desc, eq } from 'drizzle-orm';
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
}
