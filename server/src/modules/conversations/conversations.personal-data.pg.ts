import { and, asc, eq, inArray, lt, notExists, sql } from 'drizzle-orm';
import { type PgTx, pgTxOf, type Tx } from '../../db/committer.ts';
import type { PgDb } from '../../db/pg/client.ts';
import { conversationEvents, conversationGuests, conversations } from '../../db/pg/schema/index.ts';
import type { SubjectScope } from '../privacy/index.ts';
import { type ConversationsErased, ErasedConversations, type ConversationsPersonalData } from './erased-conversations.ts';

/** The conversations' personal data on PostgreSQL: the same contract as SQLite's, each `…InTx` on the step's transaction. */
export class PgConversationsPersonalData extends ErasedConversations implements ConversationsPersonalData {
  constructor(
    private readonly db: PgDb,
    onErased?: ConversationsErased,
  ) {
    super(onErased);
  }

  async exportRows(scope: SubjectScope) {
    const ids = this.#conversationIdsOf(this.db, scope);
    const [rows, events, guests] = await Promise.all([
      this.db.select().from(conversations).where(inArray(conversations.id, ids)),
      this.db
        .select()
        .from(conversationEvents)
        .where(inArray(conversationEvents.conversationId, ids))
        .orderBy(asc(conversationEvents.conversationId), asc(conversationEvents.seq)),
      this.db.select().from(conversationGuests).where(inArray(conversationGuests.conversationId, ids)),
    ]);
    return { conversations: rows, conversation_events: events, conversation_guests: guests };
  }

  async eraseInTx(tx: Tx, scope: SubjectScope): Promise<number> {
    const db = pgTxOf(tx);
    const ids = (await this.#conversationIdsOf(db, scope)).map((r) => r.id);
    this.remember(scope, ids);
    if (ids.length === 0) return 0;
    const events = await db.delete(conversationEvents).where(inArray(conversationEvents.conversationId, ids));
    const guests = await db.delete(conversationGuests).where(inArray(conversationGuests.conversationId, ids));
    const gone = await db.delete(conversations).where(inArray(conversations.id, ids));
    return (events.rowCount ?? 0) + (guests.rowCount ?? 0) + (gone.rowCount ?? 0);
  }

  readonly retention = {
    kind: 'conversations' as const,
    purgeInTx: async (tx: Tx, siteId: string, cutoff: number, limit: number): Promise<number> => {
      const db = pgTxOf(tx);
      const ids = (
        await db
          .select({ id: conversations.id })
          .from(conversations)
          .where(and(eq(conversations.siteId, siteId), eq(conversations.status, 'closed'), lt(conversations.updatedAt, cutoff)))
          .orderBy(asc(conversations.updatedAt))
          .limit(limit)
      ).map((r) => r.id);
      if (ids.length === 0) return 0;
      // At most `limit` events per batch, named by their key (PostgreSQL has no rowid).
      const someEvents = db
        .select({ conversationId: conversationEvents.conversationId, seq: conversationEvents.seq })
        .from(conversationEvents)
        .where(inArray(conversationEvents.conversationId, ids))
        .limit(limit);
      const events =
        (await db.delete(conversationEvents).where(sql`(${conversationEvents.conversationId}, ${conversationEvents.seq}) in ${someEvents}`))
          .rowCount ?? 0;
      if (events >= limit) return events;
      const eventsLeft = db
        .select({ seq: conversationEvents.seq })
        .from(conversationEvents)
        .where(eq(conversationEvents.conversationId, conversations.id));
      const emptied = db
        .select({ id: conversations.id })
        .from(conversations)
        .where(and(inArray(conversations.id, ids), notExists(eventsLeft)));
      const guests = (await db.delete(conversationGuests).where(inArray(conversationGuests.conversationId, emptied))).rowCount ?? 0;
      const gone = (await db.delete(conversations).where(and(inArray(conversations.id, ids), notExists(eventsLeft)))).rowCount ?? 0;
      return events + guests + gone;
    },
  };

  /** Bounded by the site: a visitor id from another site reaches nothing. */
  #conversationIdsOf(db: PgDb | PgTx, scope: SubjectScope) {
    return db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.siteId, scope.siteId), inArray(conversations.visitorId, [...scope.visitorIds])));
  }
}
