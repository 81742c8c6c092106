import { and, asc, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { cannedReplies } from '../../db/schema.ts';
import type { CannedRepliesRepository, CannedReplyRow } from './canned-replies.repository.ts';
import { isSqliteUniqueViolation } from '../../db/unique-violation.ts';

/** canned_replies on SQLite. */
export class SqliteCannedRepliesRepository implements CannedRepliesRepository {
  constructor(private readonly db: Db) {}

  private visibleTo(siteId: string, agentId: string, id?: string) {
    const visible = and(eq(cannedReplies.siteId, siteId), or(isNull(cannedReplies.ownerId), eq(cannedReplies.ownerId, agentId)));
    return id === undefined ? visible : and(visible, eq(cannedReplies.id, id));
  }

  async insert(rows: CannedReplyRow[]): Promise<boolean> {
    if (rows.length === 0) return true;
    try {
      this.db.insert(cannedReplies).values(rows).run();
      return true;
    } catch (error) {
      if (isSqliteUniqueViolation(error) && shortcutNamed(error)) return false;
      throw error;
    }
  }

  async byId(siteId: string, agentId: string, id: string): Promise<CannedReplyRow | undefined> {
    return this.db
      .select()
      .from(cannedReplies)
      .where(this.visibleTo(siteId, agentId, id))
      .get();
  }

  async list(siteId: string, agentId: string): Promise<CannedReplyRow[]> {
    // SQLite compares text byte by byte (BINARY), as the PostgreSQL repository asks for.
    return this.db
      .select()
      .from(cannedReplies)
      .where(this.visibleTo(siteId, agentId))
      .orderBy(asc(cannedReplies.shortcut), asc(cannedReplies.id))
      .all();
  }

  async update(
    siteId: string,
    agentId: string,
    id: string,
    changes: Partial<CannedReplyRow>,
  ): Promise<CannedReplyRow | 'taken' | undefined> {
    try {
      return this.db
        .update(cannedReplies)
        .set(changes)
        .where(this.visibleTo(siteId, agentId, id))
        .returning()
        .get();
    } catch (error) {
      if (isSqliteUniqueViolation(error)) return 'taken';
      throw error;
    }
  }

  async delete(siteId: string, agentId: string, id: string): Promise<boolean> {
    return (
      this.db
        .delete(cannedReplies)
        .where(this.visibleTo(siteId, agentId, id))
        .run().changes > 0
    );
  }

  async deleteOwnedBy(siteId: string, agentId: string): Promise<void> {
    this.db
      .delete(cannedReplies)
      .where(and(eq(cannedReplies.siteId, siteId), eq(cannedReplies.ownerId, agentId)))
      .run();
  }
}

/** One of the shortcut indexes refused it (SQLite names their columns in its message), not the primary key (a repeated id is a bug). */
function shortcutNamed(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${error.cause instanceof Error ? error.cause.message : ''}` : '';
  return text.includes('canned_replies.shortcut');
}
