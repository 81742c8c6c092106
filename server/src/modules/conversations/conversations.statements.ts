import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { conversationEvents, conversationGuests, conversations } from '../../db/schema.ts';

const p = sql.placeholder;

/**
 * Statements of the message path, prepared once: building and preparing SQL
 * on every message cost more than running it.
 */
export function prepareHotPath(db: Db) {
  return {
    byId: db.select().from(conversations).where(eq(conversations.id, p('id'))).prepare(),
    openForVisitor: db
      .select()
      .from(conversations)
      // A literal 'open' lets SQLite use the partial index of open conversations.
      .where(and(eq(conversations.visitorId, p('visitorId')), sql`${conversations.status} = 'open'`))
      .prepare(),
    byAuthorClientId: db
      .select()
      .from(conversationEvents)
      .where(and(eq(conversationEvents.authorId, p('authorId')), eq(conversationEvents.clientId, p('clientId'))))
      .prepare(),
    guestIds: db
      .select({ id: conversationGuests.agentId })
      .from(conversationGuests)
      .where(eq(conversationGuests.conversationId, p('conversationId')))
      .orderBy(asc(conversationGuests.joinedAt))
      .prepare(),
    bumpForMessage: db
      .update(conversations)
      .set({
        lastSeq: sql`${conversations.lastSeq} + 1`,
        lastVisitorSeq: sql`${conversations.lastVisitorSeq} + 1`,
        updatedAt: sql`${p('at')}`,
        lastMessageBody: sql`${p('body')}`,
        lastMessageAuthor: sql`${p('author')}`,
        lastMessageAt: sql`${p('at')}`,
        awaitingReplySince: sql`${p('awaitingReplySince')}`,
        firstResponseAt: sql`${p('firstResponseAt')}`,
      })
      .where(eq(conversations.id, p('id')))
      .returning()
      .prepare(),
    insertMessage: db
      .insert(conversationEvents)
      .values({
        conversationId: p('conversationId'),
        seq: p('seq'),
        visitorSeq: p('visitorSeq'),
        type: 'message',
        authorKind: p('authorKind'),
        authorId: p('authorId'),
        authorName: p('authorName'),
        clientId: p('clientId'),
        body: p('body'),
        createdAt: p('createdAt'),
      })
      .prepare(),
  };
}

