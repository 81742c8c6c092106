import type { Tx } from '../../db/committer.ts';
import { and, asc, eq, inArray, lt, notExists, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { conversationEvents, conversationGuests, conversations } from '../../db/schema.ts';
import type { PersonalDataSource, SubjectScope } from '../privacy/index.ts';

/**
 * The conversations module's part in the privacy registry: a visitor's
 * conversations with every message and note, and who was invited in.
 * Closed conversations older than the site's setting are deleted in
 * batches, their events first, so no batch grows with a long chat.
 */
export class ConversationsPersonalData implements PersonalDataSource {
  readonly tables = ['conversations', 'conversation_events', 'conversation_guests'];
  /** What each erasure removed, told once it has committed (a rolled-back batch reruns the work). */
  readonly #erased = new WeakMap<SubjectScope, string[]>();

  constructor(
    private readonly db: Db,
    /** Consoles drop these conversations; told after the commit, with ids only. */
    private readonly onErased: (siteId: string, conversationIds: string[]) => void = () => {},
  ) {}

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

  eraseInTx(_tx: Tx, scope: SubjectScope): number {
    const ids = this.#conversationIdsOf(scope);
    this.#erased.set(
      scope,
      ids.all().map((r) => r.id),
    );
    return (
      this.db.delete(conversationEvents).where(inArray(conversationEvents.conversationId, ids)).run().changes +
      this.db.delete(conversationGuests).where(inArray(conversationGuests.conversationId, ids)).run().changes +
      this.db.delete(conversations).where(inArray(conversations.id, ids)).run().changes
    );
  }

  afterErase(scope: SubjectScope): void {
    const ids = this.#erased.get(scope) ?? [];
    this.#erased.delete(scope);
    if (ids.length > 0) this.onErased(scope.siteId, ids);
  }

  readonly retention = {
    kind: 'conversations' as const,
    purgeInTx: (_tx: Tx, siteId: string, cutoff: number, limit: number): number => {
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
