import { and, eq, exists, isNull, lte, sql } from 'drizzle-orm';
import { type PgTx, pgTxOf, type Tx } from '../../db/committer.ts';
import { advisoryXactLock } from '../../db/pg/advisory-lock.ts';
import type { PgDb } from '../../db/pg/client.ts';
import { conversationEvents, conversationGuests, conversations } from '../../db/pg/schema/index.ts';
import { isQueued, loadsOn, ofSite, PgConversationReads, queueOn } from './conversations.reads.store.pg.ts';
import { agentSeqOfVisitorSeq, prepareMessagePath, visitorSeqOfAgentSeq } from './conversations.hot-path.store.pg.ts';
import type { ConversationsStore, StoredEvent } from './conversations.store.ts';
import type { ConversationChanges, ConversationRow, EventRow, MessageFields, NewEvent } from './conversations.types.ts';

/**
 * The conversations store on PostgreSQL: the same contract as SQLite's
 * (conversations.store.test.ts runs both). The `…InTx` methods run on the
 * step's transaction; the reads outside steps (conversations.reads.store.pg.ts)
 * on the pool. Atomicity across nodes comes from the statements themselves:
 * a claim or an append is one `UPDATE … RETURNING` whose row lock lasts
 * until the commit, the partial unique index refuses a second open
 * conversation, and routing's steps take an advisory lock per site.
 */
export class PgConversationsStore extends PgConversationReads implements ConversationsStore {
  private readonly messages: ReturnType<typeof prepareMessagePath>;

  constructor(db: PgDb, ticketWeight = 1) {
    super(db, ticketWeight);
    this.messages = prepareMessagePath(db);
  }

  byIdInTx(tx: Tx, siteId: string, id: string): Promise<ConversationRow | undefined> {
    return this.hot.byId(pgTxOf(tx), siteId, id);
  }

  openForVisitorInTx(tx: Tx, siteId: string, visitorId: string): Promise<ConversationRow | undefined> {
    return this.hot.openForVisitor(pgTxOf(tx), siteId, visitorId);
  }

  async insertInTx(tx: Tx, row: ConversationRow): Promise<void> {
    await pgTxOf(tx).insert(conversations).values(row);
  }

  async updateInTx(tx: Tx, siteId: string, id: string, changes: ConversationChanges): Promise<ConversationRow> {
    const [row] = await pgTxOf(tx).update(conversations).set(changes).where(ofSite(siteId, id)).returning();
    if (!row) throw new Error(`conversation ${id} vanished`);
    return row;
  }

  async claimInTx(tx: Tx, siteId: string, id: string, agentId: string): Promise<ConversationRow | undefined> {
    // A second claim waits on the first one's row lock, then finds the row assigned and changes nothing.
    const [row] = await pgTxOf(tx)
      .update(conversations)
      .set({ assigneeId: agentId, queuedAt: null, queuePriority: 0 })
      .where(and(ofSite(siteId, id), isQueued))
      .returning();
    return row;
  }

  eventByAuthorClientIdInTx(tx: Tx, siteId: string, authorId: string, clientId: string): Promise<EventRow | undefined> {
    return this.hot.byAuthorClientId(pgTxOf(tx), siteId, authorId, clientId);
  }

  appendVisitorMessageInTx(tx: Tx, siteId: string, visitorId: string, message: MessageFields): Promise<StoredEvent | undefined> {
    return this.messages.visitorMessage(pgTxOf(tx), siteId, visitorId, message);
  }

  appendAgentMessageInTx(tx: Tx, siteId: string, conversationId: string, message: MessageFields): Promise<StoredEvent> {
    return this.messages.agentMessage(pgTxOf(tx), siteId, conversationId, message);
  }

  async appendInTx(
    tx: Tx,
    siteId: string,
    conversationId: string,
    { visible, ...event }: NewEvent,
    changes: ConversationChanges = {},
  ): Promise<StoredEvent> {
    const db = pgTxOf(tx);
    const isMessage = event.type === 'message';
    const [conversation] = await db
      .update(conversations)
      .set({
        ...changes,
        lastSeq: sql`${conversations.lastSeq} + 1`,
        ...(visible ? { lastVisitorSeq: sql`${conversations.lastVisitorSeq} + 1` } : {}),
        updatedAt: event.createdAt,
        ...(isMessage ? { lastMessageBody: event.body, lastMessageAuthor: event.authorKind, lastMessageAt: event.createdAt } : {}),
      })
      .where(ofSite(siteId, conversationId))
      .returning();
    if (!conversation) throw new Error(`conversation ${conversationId} vanished`);
    const row: EventRow = { ...event, conversationId, seq: conversation.lastSeq, visitorSeq: visible ? conversation.lastVisitorSeq : null };
    await db.insert(conversationEvents).values(row);
    return { event: row, conversation };
  }

  /** Every routing step of the site, on every node, waits here for the one before it to commit. */
  lockRoutingInTx(tx: Tx, siteId: string): Promise<void> {
    return advisoryXactLock(pgTxOf(tx), `conversations:routing:${siteId}`);
  }

  queueInTx(tx: Tx, siteId: string): Promise<ConversationRow[]> {
    return queueOn(pgTxOf(tx), siteId);
  }

  loadsInTx(tx: Tx, siteId: string): Promise<Map<string, number>> {
    return loadsOn(pgTxOf(tx), siteId, this.ticketWeight);
  }

  openAssignedToInTx(tx: Tx, siteId: string, agentId: string): Promise<ConversationRow[]> {
    return pgTxOf(tx)
      .select()
      .from(conversations)
      .where(and(eq(conversations.siteId, siteId), eq(conversations.assigneeId, agentId), eq(conversations.status, 'open')));
  }

  async openAsGuestInTx(tx: Tx, siteId: string, agentId: string): Promise<ConversationRow[]> {
    const rows = await pgTxOf(tx)
      .select({ c: conversations })
      .from(conversations)
      .innerJoin(conversationGuests, eq(conversationGuests.conversationId, conversations.id))
      .where(and(eq(conversations.siteId, siteId), eq(conversationGuests.agentId, agentId), eq(conversations.status, 'open')));
    return rows.map((r) => r.c);
  }

  queuedChatsInTx(tx: Tx): Promise<ConversationRow[]> {
    return pgTxOf(tx)
      .select()
      .from(conversations)
      .where(and(isQueued, isNull(conversations.ticketSince)));
  }

  /** An INSERT … SELECT that finds nothing for another site's conversation; twice is once. */
  async addGuestInTx(tx: Tx, siteId: string, conversationId: string, agentId: string, at: number): Promise<void> {
    const db = pgTxOf(tx);
    await db
      .insert(conversationGuests)
      .select(
        db
          .select({
            conversationId: conversations.id,
            agentId: sql<string>`${agentId}::text`.as('agent_id'),
            joinedAt: sql<number>`${at}::bigint`.as('joined_at'),
          })
          .from(conversations)
          .where(ofSite(siteId, conversationId)),
      )
      .onConflictDoNothing();
    await copyGuests(db, siteId, conversationId);
  }

  async removeGuestInTx(tx: Tx, siteId: string, conversationId: string, agentId: string): Promise<void> {
    const db = pgTxOf(tx);
    await db
      .delete(conversationGuests)
      .where(
        and(
          eq(conversationGuests.conversationId, conversationId),
          eq(conversationGuests.agentId, agentId),
          exists(db.select({ id: conversations.id }).from(conversations).where(ofSite(siteId, conversationId))),
        ),
      );
    await copyGuests(db, siteId, conversationId);
  }

  dueSnoozesInTx(tx: Tx, now: number, limit: number): Promise<ConversationRow[]> {
    return pgTxOf(tx)
      .select()
      .from(conversations)
      .where(and(sql`${conversations.status} = 'open' AND ${conversations.hold} = 'snoozed'`, lte(conversations.snoozedUntil, now)))
      .orderBy(conversations.snoozedUntil)
      .limit(limit);
  }

  async markVisitorReadInTx(
    tx: Tx,
    siteId: string,
    visitorId: string,
    conversationId: string,
    visitorSeq: number,
  ): Promise<ConversationRow | undefined> {
    const [row] = await pgTxOf(tx)
      .update(conversations)
      .set({ visitorReadSeq: agentSeqOfVisitorSeq(visitorSeq) })
      .where(
        and(
          ofSite(siteId, conversationId),
          eq(conversations.visitorId, visitorId),
          sql`${conversations.visitorReadSeq} < COALESCE(${agentSeqOfVisitorSeq(visitorSeq)}, 0)`,
        ),
      )
      .returning();
    return row;
  }

  async markAgentReadInTx(tx: Tx, siteId: string, conversationId: string, seq: number): Promise<ConversationRow | undefined> {
    const [row] = await pgTxOf(tx)
      .update(conversations)
      .set({ agentReadSeq: visitorSeqOfAgentSeq(seq) })
      .where(and(ofSite(siteId, conversationId), sql`${conversations.agentReadSeq} < COALESCE(${visitorSeqOfAgentSeq(seq)}, 0)`))
      .returning();
    return row;
  }

  async markVisitorsGoneInTx(tx: Tx, at: number): Promise<void> {
    await pgTxOf(tx)
      .update(conversations)
      .set({ visitorLeftAt: at })
      .where(and(sql`${conversations.status} = 'open'`, isNull(conversations.visitorLeftAt)));
  }
}

/** The conversation's copy of its guests, rewritten from the table in the same transaction, in joining order. */
async function copyGuests(db: PgTx, siteId: string, conversationId: string): Promise<void> {
  await db
    .update(conversations)
    .set({
      guestIds: sql`(SELECT COALESCE(jsonb_agg(${conversationGuests.agentId} ORDER BY ${conversationGuests.joinedAt}, ${conversationGuests.agentId}), '[]'::jsonb)
        FROM ${conversationGuests} WHERE ${conversationGuests.conversationId} = ${conversationId})`,
    })
    .where(ofSite(siteId, conversationId));
}
