import { and, asc, desc, eq, exists, gt, gte, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { RatingInfo } from '@mostrador/shared';
import type { Db } from '../../db/client.ts';
import type { Tx } from '../../db/committer.ts';
import { prepareHotPath, prepareMessagePath, prepareReadReceipts, siteNotIndexed } from './conversations.statements.ts';
import { conversationEvents, conversationGuests, conversations } from '../../db/schema.ts';
import type { ConversationChanges, ConversationRow, EventRow, MessageFields, NewEvent } from './conversations.types.ts';
import type { ConversationsStore, StoredEvent } from './conversations.store.ts';
import { messageEvent } from './message-event.ts';

const isQueued = and(eq(conversations.status, 'open'), isNull(conversations.assigneeId));
const queueOrder = [desc(conversations.queuePriority), asc(conversations.queuedAt), asc(conversations.id)];
/** The conversation is the site's: rows keyed by a conversation id are read only through it. */
const ofSite = (siteId: string, conversationId: string) => and(eq(conversations.id, conversationId), eq(conversations.siteId, siteId));

/**
 * The conversations store on SQLite: every method answers at once, the
 * `…InTx` ones inside the group commit's transaction (their `tx` names it
 * and carries nothing). The message path's statements are prepared once.
 */
export class SqliteConversationsStore implements ConversationsStore {
  private readonly hot: ReturnType<typeof prepareHotPath>;
  private readonly messages: ReturnType<typeof prepareMessagePath>;
  private readonly receipts: ReturnType<typeof prepareReadReceipts>;
  constructor(
    private readonly db: Db,
    /** What one assigned ticket counts for against an agent's capacity; a live chat counts 1. */
    private readonly ticketWeight = 1,
  ) {
    this.hot = prepareHotPath(db);
    this.messages = prepareMessagePath(db);
    this.receipts = prepareReadReceipts(db);
  }

  /** The visitor has seen its log up to `visitorSeq`: the row when the mark moved forward, else undefined. */
  markVisitorReadInTx(_tx: Tx, siteId: string, visitorId: string, conversationId: string, visitorSeq: number): ConversationRow | undefined {
    return fromRawRow(this.receipts.visitorRead.get({ siteId, visitorId, conversationId, seq: visitorSeq }));
  }

  /** An agent has read the agents' log up to `seq`: the row when the mark moved forward, else undefined. */
  markAgentReadInTx(_tx: Tx, siteId: string, conversationId: string, seq: number): ConversationRow | undefined {
    return fromRawRow(this.receipts.agentRead.get({ siteId, conversationId, seq }));
  }

  byId(siteId: string, id: string): ConversationRow | undefined {
    return this.hot.byId.get({ siteId, id });
  }

  /** On the one connection, where the step's transaction is open: the same read. */
  byIdInTx(_tx: Tx, siteId: string, id: string): ConversationRow | undefined {
    return this.byId(siteId, id);
  }

  /**
   * The site a conversation belongs to, whichever it is. Only for a reply
   * address, where no session names a site and the id itself (with the
   * sender check) is the capability; every other read takes the caller's site.
   */
  siteOf(conversationId: string): string | undefined {
    return this.db.select({ siteId: conversations.siteId }).from(conversations).where(eq(conversations.id, conversationId)).get()?.siteId;
  }

  openForVisitor(siteId: string, visitorId: string): ConversationRow | undefined {
    return this.hot.openForVisitor.get({ siteId, visitorId });
  }

  openForVisitorInTx(_tx: Tx, siteId: string, visitorId: string): ConversationRow | undefined {
    return this.openForVisitor(siteId, visitorId);
  }

  insertInTx(_tx: Tx, row: ConversationRow): void {
    this.db.insert(conversations).values(row).run();
  }

  updateInTx(_tx: Tx, siteId: string, id: string, changes: ConversationChanges): ConversationRow {
    const row = this.db.update(conversations).set(changes).where(ofSite(siteId, id)).returning().get();
    if (!row) throw new Error(`conversation ${id} vanished`);
    return row;
  }

  /** Atomic claim: succeeds only while nobody has the conversation. */
  claimInTx(_tx: Tx, siteId: string, id: string, agentId: string): ConversationRow | undefined {
    return this.db
      .update(conversations)
      .set({ assigneeId: agentId, queuedAt: null, queuePriority: 0 })
      .where(and(ofSite(siteId, id), isQueued))
      .returning()
      .get();
  }

  eventByAuthorClientIdInTx(_tx: Tx, siteId: string, authorId: string, clientId: string): EventRow | undefined {
    return this.hot.byAuthorClientId.get({ siteId, authorId, clientId });
  }

  /**
   * Appends a visitor's message to its open conversation, if it has one
   * (undefined otherwise). Must run inside a transaction, like `append`.
   */
  appendVisitorMessageInTx(_tx: Tx, siteId: string, visitorId: string, message: MessageFields): StoredEvent | undefined {
    const conversation = fromRawRow(
      this.messages.visitorMessage.get({
        siteId,
        visitorId,
        at: message.createdAt,
        body: message.body,
        author: message.authorKind,
      }),
    );
    return conversation && { event: this.insertMessage(conversation, message), conversation };
  }

  /** Appends an agent's message. Must run inside a transaction, like `append`. */
  appendAgentMessageInTx(_tx: Tx, siteId: string, conversationId: string, message: MessageFields): StoredEvent {
    const conversation = fromRawRow(
      this.messages.agentMessage.get({
        siteId,
        conversationId,
        at: message.createdAt,
        body: message.body,
        author: message.authorKind,
      }),
    );
    if (!conversation) throw new Error(`conversation ${conversationId} vanished`);
    return { event: this.insertMessage(conversation, message), conversation };
  }

  private insertMessage(conversation: ConversationRow, message: MessageFields): EventRow {
    const event = messageEvent(conversation, message);
    // The row itself binds the statement's named parameters: one object, not two.
    if (event.data) this.messages.insertMessageWithData.run({ ...event, json: JSON.stringify(event.data) });
    else this.messages.insertMessage.run(event);
    return event;
  }

  /**
   * Appends an event with the next seq (and the next visitor seq when the
   * visitor may see it) and applies `changes` to the conversation. Must run
   * inside a transaction (the group commit): that makes the numbering gap-free.
   */
  appendInTx(
    _tx: Tx,
    siteId: string,
    conversationId: string,
    { visible, ...event }: NewEvent,
    changes: ConversationChanges = {},
  ): StoredEvent {
    const isMessage = event.type === 'message';
    const conversation = this.db
      .update(conversations)
      .set({
        ...changes,
        lastSeq: sql`${conversations.lastSeq} + 1`,
        ...(visible ? { lastVisitorSeq: sql`${conversations.lastVisitorSeq} + 1` } : {}),
        updatedAt: event.createdAt,
        ...(isMessage ? { lastMessageBody: event.body, lastMessageAuthor: event.authorKind, lastMessageAt: event.createdAt } : {}),
      })
      .where(ofSite(siteId, conversationId))
      .returning()
      .get();
    if (!conversation) throw new Error(`conversation ${conversationId} vanished`);
    const row: EventRow = {
      ...event,
      conversationId,
      seq: conversation.lastSeq,
      visitorSeq: visible ? conversation.lastVisitorSeq : null,
    };
    this.db.insert(conversationEvents).values(row).run();
    return { event: row, conversation };
  }

  eventsAfter(siteId: string, conversationId: string, afterSeq: number, limit: number): EventRow[] {
    return this.hot.eventsAfter.all({ siteId, conversationId, after: afterSeq, limit });
  }

  visitorEventsAfter(siteId: string, conversationId: string, afterVisitorSeq: number, limit: number): EventRow[] {
    return this.hot.visitorEventsAfter.all({ siteId, conversationId, after: afterVisitorSeq, limit });
  }

  /**
   * Conversations whose last message is an agent's, written since `since`,
   * on any site: the reply mailer's candidates. Read by a background worker,
   * never on the message path.
   */
  agentRepliedSince(since: number): ConversationRow[] {
    return this.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.lastMessageAuthor, 'agent'), gte(conversations.lastMessageAt, since)))
      .all();
  }

  /** One writer, one transaction at a time: routing's steps already take turns. */
  lockRoutingInTx(_tx: Tx, _siteId: string): void {}

  queueInTx(_tx: Tx, siteId: string): ConversationRow[] {
    return this.queue(siteId);
  }

  queue(siteId: string): ConversationRow[] {
    return this.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.siteId, siteId), isQueued))
      .orderBy(...queueOrder)
      .all();
  }

  weightOf(conversation: ConversationRow): number {
    return conversation.ticketSince === null ? 1 : this.ticketWeight;
  }

  loadsInTx(_tx: Tx, siteId: string): Map<string, number> {
    return this.loads(siteId);
  }

  loads(siteId: string): Map<string, number> {
    const rows = this.db
      .select({
        agentId: conversations.assigneeId,
        n: sql<number>`sum(CASE WHEN ${conversations.ticketSince} IS NULL THEN 1 ELSE ${this.ticketWeight} END)`,
      })
      .from(conversations)
      .where(and(eq(conversations.siteId, siteId), eq(conversations.status, 'open'), isNotNull(conversations.assigneeId)))
      .groupBy(conversations.assigneeId)
      .all();
    return new Map(rows.map((r) => [r.agentId ?? '', r.n]));
  }

  /** Agents in any open conversation, as assignee or guest. */
  agentsInOpenChats(): Array<{ agentId: string; siteId: string }> {
    const assigned = this.db
      .selectDistinct({ agentId: conversations.assigneeId, siteId: conversations.siteId })
      .from(conversations)
      .where(and(eq(conversations.status, 'open'), isNotNull(conversations.assigneeId)))
      .all();
    const guests = this.db
      .selectDistinct({ agentId: conversationGuests.agentId, siteId: conversations.siteId })
      .from(conversationGuests)
      .innerJoin(conversations, eq(conversations.id, conversationGuests.conversationId))
      .where(eq(conversations.status, 'open'))
      .all();
    return [...assigned, ...guests].flatMap((r) => (r.agentId ? [{ agentId: r.agentId, siteId: r.siteId }] : []));
  }

  openAssignedToInTx(_tx: Tx, siteId: string, agentId: string): ConversationRow[] {
    return this.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.siteId, siteId), eq(conversations.assigneeId, agentId), eq(conversations.status, 'open')))
      .all();
  }

  /** Adds the guest only to a conversation of the site: an INSERT … SELECT that finds nothing otherwise. */
  addGuestInTx(_tx: Tx, siteId: string, conversationId: string, agentId: string, at: number): void {
    this.db
      .insert(conversationGuests)
      .select(
        this.db
          .select({ conversationId: conversations.id, agentId: sql`${agentId}`.as('agent_id'), joinedAt: sql`${at}`.as('joined_at') })
          .from(conversations)
          .where(ofSite(siteId, conversationId)),
      )
      .onConflictDoNothing()
      .run();
    this.copyGuests(siteId, conversationId);
  }

  removeGuestInTx(_tx: Tx, siteId: string, conversationId: string, agentId: string): void {
    this.db
      .delete(conversationGuests)
      .where(
        and(
          eq(conversationGuests.conversationId, conversationId),
          eq(conversationGuests.agentId, agentId),
          exists(this.db.select({ id: conversations.id }).from(conversations).where(ofSite(siteId, conversationId))),
        ),
      )
      .run();
    this.copyGuests(siteId, conversationId);
  }

  /** The conversation's copy of its guests, rewritten from the table in the same transaction. */
  private copyGuests(siteId: string, conversationId: string): void {
    this.db
      .update(conversations)
      .set({
        guestIds: sql`(SELECT json_group_array(agent_id) FROM (${this.db
          .select({ agentId: conversationGuests.agentId })
          .from(conversationGuests)
          .where(eq(conversationGuests.conversationId, conversationId))
          .orderBy(asc(conversationGuests.joinedAt), asc(conversationGuests.agentId))}))`,
      })
      .where(ofSite(siteId, conversationId))
      .run();
  }

  openAsGuestInTx(_tx: Tx, siteId: string, agentId: string): ConversationRow[] {
    return this.db
      .select({ c: conversations })
      .from(conversations)
      .innerJoin(conversationGuests, eq(conversationGuests.conversationId, conversations.id))
      .where(and(eq(conversations.siteId, siteId), eq(conversationGuests.agentId, agentId), eq(conversations.status, 'open')))
      .all()
      .map((r) => r.c);
  }

  /** Assigned to the agent or joined as a guest, open or closed. */
  involving(siteId: string, agentId: string, status: ConversationRow['status'], limit: number): ConversationRow[] {
    const asGuest = this.db
      .select({ id: conversationGuests.conversationId })
      .from(conversationGuests)
      .where(eq(conversationGuests.agentId, agentId));
    return this.db
      .select()
      .from(conversations)
      .where(
        and(
          eq(conversations.siteId, siteId),
          eq(conversations.status, status),
          or(eq(conversations.assigneeId, agentId), inArray(conversations.id, asGuest)),
        ),
      )
      .orderBy(desc(conversations.updatedAt))
      .limit(limit)
      .all();
  }

  /** One visitor's ended conversations begun before `before`, newest first. */
  endedOfVisitor(siteId: string, visitorId: string, before: number, limit: number): ConversationRow[] {
    return this.hot.endedOfVisitor.all({ siteId, visitorId, before, limit });
  }

  /** These visitors' conversations, newest first, by the visitors' index (see `siteNotIndexed`). */
  byVisitors(siteId: string, visitorIds: readonly string[], limit: number): ConversationRow[] {
    return this.db
      .select()
      .from(conversations)
      .where(and(inArray(conversations.visitorId, [...visitorIds]), siteNotIndexed(siteId)))
      .orderBy(desc(conversations.createdAt))
      .limit(limit)
      .all();
  }

  /** Open and pending conversations whose visitor is not on the site, longest waiting first. */
  tickets(siteId: string, limit: number): ConversationRow[] {
    return this.db
      .select()
      .from(conversations)
      .where(
        and(
          eq(conversations.siteId, siteId),
          sql`${conversations.status} = 'open'`,
          or(isNull(conversations.hold), eq(conversations.hold, 'pending')),
          isNotNull(conversations.visitorLeftAt),
        ),
      )
      .orderBy(sql`COALESCE(${conversations.awaitingReplySince}, ${conversations.updatedAt})`, asc(conversations.id))
      .limit(limit)
      .all();
  }

  /** Snoozed conversations of every site whose time has come, soonest first. */
  dueSnoozesInTx(_tx: Tx, now: number, limit: number): ConversationRow[] {
    return this.db
      .select()
      .from(conversations)
      .where(and(sql`${conversations.status} = 'open' AND ${conversations.hold} = 'snoozed'`, lte(conversations.snoozedUntil, now)))
      .orderBy(asc(conversations.snoozedUntil))
      .limit(limit)
      .all();
  }

  /** Queued conversations of every site that are live chats, not tickets. */
  queuedChatsInTx(_tx: Tx): ConversationRow[] {
    return this.db
      .select()
      .from(conversations)
      .where(and(isQueued, isNull(conversations.ticketSince)))
      .all();
  }

  /** Missed chats of the site in [from, to): when each was missed, and whether it became a ticket. */
  missedBetween(siteId: string, from: number, to: number): Array<{ missedAt: number; ticketed: boolean }> {
    return this.db
      .select({ missedAt: conversations.missedAt, ticketSince: conversations.ticketSince })
      .from(conversations)
      .where(and(eq(conversations.siteId, siteId), gte(conversations.missedAt, from), lt(conversations.missedAt, to)))
      .all()
      .map((r) => ({ missedAt: r.missedAt ?? 0, ticketed: r.ticketSince !== null }));
  }

  /** After a restart nobody is on the site yet: every open conversation's visitor counts as gone until they return. */
  markVisitorsGoneInTx(_tx: Tx, at: number): void {
    this.db
      .update(conversations)
      .set({ visitorLeftAt: at })
      .where(and(sql`${conversations.status} = 'open'`, isNull(conversations.visitorLeftAt)))
      .run();
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

  /**
   * Milliseconds from first message to first agent reply of the site's live
   * chats begun since `since`: the shopper started them, they were not
   * tickets, and an agent has answered. For the widget's "we usually reply in".
   */
  firstReplyWaits(siteId: string, since: number): number[] {
    return this.db
      .select({ createdAt: conversations.createdAt, firstResponseAt: conversations.firstResponseAt })
      .from(conversations)
      .where(
        and(
          eq(conversations.siteId, siteId),
          eq(conversations.origin, 'visitor'),
          isNull(conversations.ticketSince),
          isNotNull(conversations.firstResponseAt),
          gt(conversations.createdAt, since),
        ),
      )
      .all()
      .map((r) => Math.max(0, r.firstResponseAt! - r.createdAt));
  }
}

/** A conversation row from the hand-written statements: as drizzle's, but its JSON columns still text. */
function fromRawRow(raw: unknown): ConversationRow | undefined {
  if (!raw) return undefined;
  // In place: a copy per message would be garbage on the hot path.
  const row = raw as { tags: unknown; guestIds: unknown; rating: unknown };
  row.tags = JSON.parse(row.tags as string) as string[];
  row.guestIds = JSON.parse(row.guestIds as string) as string[];
  if (row.rating !== null) row.rating = JSON.parse(row.rating as string) as RatingInfo;
  return row as ConversationRow;
}
