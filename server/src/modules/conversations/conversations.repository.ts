import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { conversationEvents, conversations } from '../../db/schema.ts';

export type ConversationRow = typeof conversations.$inferSelect;
export type EventRow = typeof conversationEvents.$inferSelect;
export type NewEvent = Omit<EventRow, 'conversationId' | 'seq'>;

/** The only code that touches the conversations and conversation_events tables. */
export class ConversationsRepository {
  constructor(private readonly db: Db) {}

  byId(id: string): ConversationRow | undefined {
    return this.db.select().from(conversations).where(eq(conversations.id, id)).get();
  }

  openForVisitor(visitorId: string): ConversationRow | undefined {
    return this.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.visitorId, visitorId), eq(conversations.status, 'open')))
      .get();
  }

  insert(row: ConversationRow): void {
    this.db.insert(conversations).values(row).run();
  }

  eventByAuthorClientId(authorId: string, clientId: string): EventRow | undefined {
    return this.db
      .select()
      .from(conversationEvents)
      .where(and(eq(conversationEvents.authorId, authorId), eq(conversationEvents.clientId, clientId)))
      .get();
  }

  /**
   * Appends an event with the next seq and updates the conversation's
   * summary columns. Must run inside a transaction (the group commit), which
   * is what makes the seq allocation gap-free.
   */
  append(conversationId: string, event: NewEvent): { event: EventRow; conversation: ConversationRow } {
    const isMessage = event.type === 'message';
    const conversation = this.db
      .update(conversations)
      .set({
        lastSeq: sql`${conversations.lastSeq} + 1`,
        updatedAt: event.createdAt,
        ...(isMessage
          ? {
              lastMessageBody: event.body,
              lastMessageAuthor: event.authorKind,
              lastMessageAt: event.createdAt,
            }
          : {}),
        ...(event.status
          ? { status: event.status, closedAt: event.status === 'closed' ? event.createdAt : null }
          : {}),
      })
      .where(eq(conversations.id, conversationId))
      .returning()
      .get();
    if (!conversation) throw new Error(`conversation ${conversationId} vanished`);
    const row: EventRow = { ...event, conversationId, seq: conversation.lastSeq };
    this.db.insert(conversationEvents).values(row).run();
    return { event: row, conversation };
  }

  eventsAfter(conversationId: string, afterSeq: number, limit: number): EventRow[] {
    return this.db
      .select()
      .from(conversationEvents)
      .where(and(eq(conversationEvents.conversationId, conversationId), gt(conversationEvents.seq, afterSeq)))
      .orderBy(asc(conversationEvents.seq))
      .limit(limit)
      .all();
  }

  listBySite(siteId: string, status: ConversationRow['status'], limit: number): ConversationRow[] {
    return this.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.siteId, siteId), eq(conversations.status, status)))
      .orderBy(desc(conversations.updatedAt))
      .limit(limit)
      .all();
  }
}
