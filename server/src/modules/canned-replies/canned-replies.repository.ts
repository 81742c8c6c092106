import { and, asc, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { cannedReplies } from '../../db/schema.ts';

export type CannedReplyRow = typeof cannedReplies.$inferSelect;

/**
 * The only code that touches canned_replies. Every read and write takes the site and the agent, and sees
 * only the team's replies and that agent's own: another site's or colleague's personal reply is not found.
 */
export class CannedRepliesRepository {
  constructor(private readonly db: Db) {}

  private visibleTo(siteId: string, agentId: string) {
    return and(eq(cannedReplies.siteId, siteId), or(isNull(cannedReplies.ownerId), eq(cannedReplies.ownerId, agentId)));
  }

  insert(rows: CannedReplyRow[]): void {
    if (rows.length > 0) this.db.insert(cannedReplies).values(rows).run();
  }

  byId(siteId: string, agentId: string, id: string): CannedReplyRow | undefined {
    return this.db
      .select()
      .from(cannedReplies)
      .where(and(this.visibleTo(siteId, agentId), eq(cannedReplies.id, id)))
      .get();
  }

  list(siteId: string, agentId: string): CannedReplyRow[] {
    return this.db.select().from(cannedReplies).where(this.visibleTo(siteId, agentId)).orderBy(asc(cannedReplies.shortcut)).all();
  }

  update(siteId: string, agentId: string, id: string, changes: Partial<CannedReplyRow>): CannedReplyRow | undefined {
    return this.db
      .update(cannedReplies)
      .set(changes)
      .where(and(this.visibleTo(siteId, agentId), eq(cannedReplies.id, id)))
      .returning()
      .get();
  }

  delete(siteId: string, agentId: string, id: string): boolean {
    return (
      this.db
        .delete(cannedReplies)
        .where(and(this.visibleTo(siteId, agentId), eq(cannedReplies.id, id)))
        .run().changes > 0
    );
  }

  /** An agent's personal replies go with them when their account is erased. */
  deleteOwnedBy(siteId: string, agentId: string): void {
    this.db
      .delete(cannedReplies)
      .where(and(eq(cannedReplies.siteId, siteId), eq(cannedReplies.ownerId, agentId)))
      .run();
  }
}
