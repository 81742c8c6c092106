import { and, asc, eq, inArray, lt, notExists, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { conversationEvents, conversationGuests, conversations } from '../../db/schema.ts';
import type { SubjectScope } from '../privacy/index.ts';
import { ErasedConversations, type ConversationsPersonalData } from './erased-conversations.ts';

/** The conversations' personal data on SQLite; `…InTx` methods run in the group commit's transaction, open on this connection. */
export class SqliteConversationsPersonalData extends ErasedConversations implements ConversationsPersonalData {
  constructor(
    private readonly db: Db,
    onErased?: (siteId: string, conversationIds: string[]) => void,
  ) {
    super(onErased);
  }

  async exportRows(scope: SubjectScope) {
    const ids = this.#conversationIdsOf(scope);
    return {
      conversations: this.db.select().from(conversations).where(inArray(conversations.id, ids)).all(),
      conversation_events: this.db
        .select()
        .from(conversationEvents)
        .where(inArray(conversationEvents.conversationId, ids))
        .orderBy(asc(conversationEvents.conversationId), asc(conversationEvents.seq))
        .all(),
      conversation_guests: this.db.select().from(conversationGuests).where(inArray(conversationGuests.conversationId, ids)).all(),
    };
  }

  eraseInTx(_tx: unknown, scope: SubjectScope): number {
    const ids = this.#conversationIdsOf(scope);
    this.remember(
      scope,
      ids.all().map((r) => r.id),
    );
    return (
      this.db.delete(conversationEvents).where(inArray(conversationEvents.conversationId, ids)).run().changes +
      this.db.delete(conversationGuests).where(inArray(conversationGuests.conversationId, ids)).run().changes +
      this.db.delete(conversations).where(inArray(conversations.id, ids)).run().changes
    );
  }

  readonly retention = {
    kind: 'conversations' as const,
    purgeInTx: (_tx: unknown, siteId: string, cutoff: number, limit: number): number => {
      const ids = this.db
        .select({ id: conversations.id })
        .from(conversations)
        .where(and(eq(conversations.siteId, siteId), eq(conversations.status, 'closed'), lt(conversations.updatedAt, cutoff)))
        .orderBy(asc(conversations.updatedAt))
        .limit(limit)
        .all()
        .map((r) => r.id);
      if (ids.length === 0) return 0;
      const someEvents = this.db
        .select({ rowid: sql`rowid` })
        .from(conversationEvents)
        .where(inArray(conversationEvents.conversationId, ids))
        .limit(limit);
      const events = this.db.delete(conversationEvents).where(inArray(sql`rowid`, someEvents)).run().changes;
      if (events >= limit) return events;
      const eventsLeft = this.db
        .select({ seq: conversationEvents.seq })
        .from(conversationEvents)
        .where(eq(conversationEvents.conversationId, conversations.id));
      const emptied = this.db
        .select({ id: conversations.id })
        .from(conversations)
        .where(and(inArray(conversations.id, ids), notExists(eventsLeft)));
      const guests = this.db.delete(conversationGuests).where(inArray(conversationGuests.conversationId, emptied)).run().changes;
      const gone = this.db
        .delete(conversations)
        .where(and(inArray(conversations.id, ids), notExists(eventsLeft)))
        .run().changes;
      return events + guests + gone;
    },
  };

  /** Bounded by the site: a visitor id from another site reaches nothing. */
  #conversationIdsOf(scope: SubjectScope) {
    return this.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.siteId, scope.siteId), inArray(conversations.visitorId, [...scope.visitorIds])));
  }
}
