import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { CONVERSATION_STATUSES, hasEnded } from '@mostrador/shared';
import type { PgDb } from '../../db/pg/client.ts';
import type { PgRunner } from '../../db/pg/named-statement.ts';
import { conversationGuests, conversations } from '../../db/pg/schema/index.ts';
import { prepareHotReads } from './conversations.hot-path.store.pg.ts';
import type { ConversationRow, EventRow } from './conversations.types.ts';

/** The statuses in which a conversation is over (as conversations.statements.ts says, without its SQLite imports). */
const ENDED_STATUSES = CONVERSATION_STATUSES.filter(hasEnded);

export const isQueued = and(eq(conversations.status, 'open'), isNull(conversations.assigneeId));
/** The conversation is the site's: rows keyed by a conversation id are read only through it. */
export const ofSite = (siteId: string, conversationId: string) =>
  and(eq(conversations.id, conversationId), eq(conversations.siteId, siteId));

/** Open conversations waiting for an agent, in the order they will be served. */
export function queueOn(db: PgRunner, siteId: string): Promise<ConversationRow[]> {
  return db
    .select()
    .from(conversations)
    .where(and(eq(conversations.siteId, siteId), isQueued))
    .orderBy(desc(conversations.queuePriority), asc(conversations.queuedAt), asc(conversations.id));
}

/** What each agent carries now: a live chat counts 1, a ticket `ticketWeight` (float8, as it may be a fraction). */
export async function loadsOn(db: PgRunner, siteId: string, ticketWeight: number): Promise<Map<string, number>> {
  const rows = await db
    .select({
      agentId: conversations.assigneeId,
      n: sql<number>`sum(CASE WHEN ${conversations.ticketSince} IS NULL THEN 1 ELSE ${ticketWeight}::float8 END)`,
    })
    .from(conversations)
    .where(and(eq(conversations.siteId, siteId), eq(conversations.status, 'open'), isNotNull(conversations.assigneeId)))
    .groupBy(conversations.assigneeId);
  return new Map(rows.map((r) => [r.agentId ?? '', r.n]));
}

/**
 * The reads made outside any step, on the pool. Nothing is kept in memory,
 * not even a conversation's guests (which SQLite caches): another node may
 * add or remove a guest at any time, and nothing would tell this one yet.
 */
export class PgConversationReads {
  protected readonly hot: ReturnType<typeof prepareHotReads>;

  constructor(
    protected readonly db: PgDb,
    /** What one assigned ticket counts for against an agent's capacity; a live chat counts 1. */
    protected readonly ticketWeight: number,
  ) {
    this.hot = prepareHotReads(db);
  }

  byId(siteId: string, id: string): Promise<ConversationRow | undefined> {
    return this.hot.byId(this.db, siteId, id);
  }

  openForVisitor(siteId: string, visitorId: string): Promise<ConversationRow | undefined> {
    return this.hot.openForVisitor(this.db, siteId, visitorId);
  }

  /** Only for a reply address, where no session names a site and the id itself (with the sender check) is the capability. */
  async siteOf(conversationId: string): Promise<string | undefined> {
    const [row] = await this.db.select({ siteId: conversations.siteId }).from(conversations).where(eq(conversations.id, conversationId));
    return row?.siteId;
  }

  queue(siteId: string): Promise<ConversationRow[]> {
    return queueOn(this.db, siteId);
  }

  loads(siteId: string): Promise<Map<string, number>> {
    return loadsOn(this.db, siteId, this.ticketWeight);
  }

  weightOf(conversation: ConversationRow): number {
    return conversation.ticketSince === null ? 1 : this.ticketWeight;
  }

  eventsAfter(siteId: string, conversationId: string, afterSeq: number, limit: number): Promise<EventRow[]> {
    return this.hot.eventsAfter(this.db, siteId, conversationId, afterSeq, limit);
  }

  visitorEventsAfter(siteId: string, conversationId: string, afterVisitorSeq: number, limit: number): Promise<EventRow[]> {
    return this.hot.visitorEventsAfter(this.db, siteId, conversationId, afterVisitorSeq, limit);
  }

  /** Read by the reply mailer, a background worker, never on the message path. */
  agentRepliedSince(since: number): Promise<ConversationRow[]> {
    return this.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.lastMessageAuthor, 'agent'), gte(conversations.lastMessageAt, since)));
  }

  async agentsInOpenChats(): Promise<Array<{ agentId: string; siteId: string }>> {
    const [assigned, guests] = await Promise.all([
      this.db
        .selectDistinct({ agentId: conversations.assigneeId, siteId: conversations.siteId })
        .from(conversations)
        .where(and(eq(conversations.status, 'open'), isNotNull(conversations.assigneeId))),
      this.db
        .selectDistinct({ agentId: conversationGuests.agentId, siteId: conversations.siteId })
        .from(conversationGuests)
        .innerJoin(conversations, eq(conversations.id, conversationGuests.conversationId))
        .where(eq(conversations.status, 'open')),
    ]);
    return [...assigned, ...guests].flatMap((r) => (r.agentId ? [{ agentId: r.agentId, siteId: r.siteId }] : []));
  }

  involving(siteId: string, agentId: string, status: ConversationRow['status'], limit: number): Promise<ConversationRow[]> {
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
      .limit(limit);
  }

  endedOfVisitor(siteId: string, visitorId: string, before: number, limit: number): Promise<ConversationRow[]> {
    return this.db
      .select()
      .from(conversations)
      .where(
        and(
          eq(conversations.visitorId, visitorId),
          eq(conversations.siteId, siteId),
          inArray(conversations.status, ENDED_STATUSES),
          lt(conversations.createdAt, before),
        ),
      )
      .orderBy(desc(conversations.createdAt))
      .limit(limit);
  }

  byVisitors(siteId: string, visitorIds: readonly string[], limit: number): Promise<ConversationRow[]> {
    return this.db
      .select()
      .from(conversations)
      .where(and(inArray(conversations.visitorId, [...visitorIds]), eq(conversations.siteId, siteId)))
      .orderBy(desc(conversations.createdAt))
      .limit(limit);
  }

  tickets(siteId: string, limit: number): Promise<ConversationRow[]> {
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
      .limit(limit);
  }

  async missedBetween(siteId: string, from: number, to: number): Promise<Array<{ missedAt: number; ticketed: boolean }>> {
    const rows = await this.db
      .select({ missedAt: conversations.missedAt, ticketSince: conversations.ticketSince })
      .from(conversations)
      .where(and(eq(conversations.siteId, siteId), gte(conversations.missedAt, from), lt(conversations.missedAt, to)));
    return rows.map((r) => ({ missedAt: r.missedAt ?? 0, ticketed: r.ticketSince !== null }));
  }

  listBySite(siteId: string, status: ConversationRow['status'], limit: number): Promise<ConversationRow[]> {
    return this.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.siteId, siteId), eq(conversations.status, status)))
      .orderBy(desc(conversations.updatedAt))
      .limit(limit);
  }

  async firstReplyWaits(siteId: string, since: number): Promise<number[]> {
    const rows = await this.db
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
      );
    return rows.flatMap((r) => (r.firstResponseAt === null ? [] : [Math.max(0, r.firstResponseAt - r.createdAt)]));
  }
}
