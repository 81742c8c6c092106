import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { PgDb } from '../../db/pg/client.ts';
import { cannedReplies } from '../../db/pg/schema/index.ts';
import type { CannedRepliesRepository, CannedReplyRow } from './canned-replies.repository.ts';
import { isPgUniqueViolation } from '../../db/unique-violation.ts';

/**
 * Byte order, as SQLite sorts: the database's own collation (en_US.UTF-8, say) would put "a-b" after "ab" on
 * one server and before it on another.
 */
const BY_SHORTCUT = sql`${cannedReplies.shortcut} collate "C"`;

/** canned_replies on PostgreSQL: the same contract as the SQLite repository's. */
export class PgCannedRepliesRepository implements CannedRepliesRepository {
  constructor(private readonly db: PgDb) {}

  private visibleTo(siteId: string, agentId: string, id?: string) {
    const visible = and(eq(cannedReplies.siteId, siteId), or(isNull(cannedReplies.ownerId), eq(cannedReplies.ownerId, agentId)));
    return id === undefined ? visible : and(visible, eq(cannedReplies.id, id));
  }

  async insert(rows: CannedReplyRow[]): Promise<boolean> {
    if (rows.length === 0) return true;
    try {
      await this.db.insert(cannedReplies).values(rows);
      return true;
    } catch (error) {
      if (isPgUniqueViolation(error, 'canned_replies_shared_shortcut') || isPgUniqueViolation(error, 'canned_replies_own_shortcut'))
        return false;
      throw error;
    }
  }

  async byId(siteId: string, agentId: string, id: string): Promise<CannedReplyRow | undefined> {
    const [row] = await this.db
      .select()
      .from(cannedReplies)
      .where(this.visibleTo(siteId, agentId, id));
    return row;
  }

  list(siteId: string, agentId: string): Promise<CannedReplyRow[]> {
    return this.db.select().from(cannedReplies).where(this.visibleTo(siteId, agentId)).orderBy(BY_SHORTCUT, asc(cannedReplies.id));
  }

  async update(
    siteId: string,
    agentId: string,
    id: string,
    changes: Partial<CannedReplyRow>,
  ): Promise<CannedReplyRow | 'taken' | undefined> {
    try {
      const [row] = await this.db
        .update(cannedReplies)
        .set(changes)
        .where(this.visibleTo(siteId, agentId, id))
        .returning();
      return row;
    } catch (error) {
      if (isPgUniqueViolation(error)) return 'taken';
      throw error;
    }
  }

  async delete(siteId: string, agentId: string, id: string): Promise<boolean> {
    const deleted = await this.db
      .delete(cannedReplies)
      .where(this.visibleTo(siteId, agentId, id))
      .returning({ id: cannedReplies.id });
    return deleted.length > 0;
  }

  async deleteOwnedBy(siteId: string, agentId: string): Promise<void> {
    await this.db.delete(cannedReplies).where(and(eq(cannedReplies.siteId, siteId), eq(cannedReplies.ownerId, agentId)));
  }
}
