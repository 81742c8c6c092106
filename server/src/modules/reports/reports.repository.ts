import { and, asc, eq, gte, lt, lte, min, sql, type SQL } from 'drizzle-orm';
import type { ReportConversation, RevenueCheckout, RevenuePurchase, RevenueVisit, TimelineEvent } from '@mostrador/shared/reports';
import type { Db } from '../../db/client.ts';
import { cartEvents, conversationRatings, conversations, pageViews, triggerFirings, triggerRules, visitors } from '../../db/schema.ts';

/** Which conversations a report reads: created in [from, to) on a site, optionally one department's or agent's, one origin's, one tag's. */
export interface ReportScope {
  siteId: string;
  from: number;
  to: number;
  departmentId?: string | undefined;
  agentId?: string | undefined;
  origin?: 'visitor' | 'agent' | 'trigger' | undefined;
  tag?: string | undefined;
}

/** The filters beyond site and range, as SQL over the conversations table aliased `c`, with their values in order. */
function filtersOf(scope: ReportScope): { sql: string; params: string[] } {
  const parts: [string, string | undefined][] = [
    ['AND c.department_id = ?', scope.departmentId],
    ['AND c.assignee_id = ?', scope.agentId],
    ['AND c.origin = ?', scope.origin],
    // A conversation's tags are a JSON list of names.
    ['AND EXISTS (SELECT 1 FROM json_each(c.tags) WHERE json_each.value = ?)', scope.tag],
  ];
  const used = parts.filter((part): part is [string, string] => part[1] !== undefined);
  return { sql: used.map(([clause]) => clause).join(' '), params: used.map(([, value]) => value) };
}

/**
 * Plain reads for the reports, never a write: the conversations created in a
 * range (by the `conversations_site_created` index), their log's messages,
 * status changes and assignments (by the log's primary key) and their ratings.
 * The message path never waits on it: SQLite's WAL lets readers and the
 * writer run side by side.
 */
export class ReportsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Live chats open now (tickets apart): those with an agent, and those
   * waiting for one. One pass over the site's open conversations (the
   * `conversations_site_status_updated` index), at most once a second per watched site.
   */
  liveCounts(siteId: string): { inProgress: number; queued: number } {
    const row = this.db
      .select({
        inProgress: sql<number>`coalesce(sum(${conversations.assigneeId} IS NOT NULL), 0)`,
        queued: sql<number>`coalesce(sum(${conversations.assigneeId} IS NULL), 0)`,
      })
      .from(conversations)
      .where(and(eq(conversations.siteId, siteId), eq(conversations.status, 'open'), sql`${conversations.ticketSince} IS NULL`))
      .get();
    return { inProgress: row?.inProgress ?? 0, queued: row?.queued ?? 0 };
  }

  #where(scope: ReportScope): SQL {
    const conditions = [
      eq(conversations.siteId, scope.siteId),
      gte(conversations.createdAt, scope.from),
      lt(conversations.createdAt, scope.to),
    ];
    if (scope.departmentId) conditions.push(eq(conversations.departmentId, scope.departmentId));
    if (scope.agentId) conditions.push(eq(conversations.assigneeId, scope.agentId));
    if (scope.origin) conditions.push(eq(conversations.origin, scope.origin));
    if (scope.tag) conditions.push(sql`EXISTS (SELECT 1 FROM json_each(${conversations.tags}) WHERE json_each.value = ${scope.tag})`);
    return and(...conditions)!;
  }

  conversationsIn(scope: ReportScope): ReportConversation[] {
    const where = this.#where(scope);
    const rows = this.db
      .select({
        id: conversations.id,
        visitorId: conversations.visitorId,
        customerId: visitors.customerId,
        origin: conversations.origin,
        departmentId: conversations.departmentId,
        assigneeId: conversations.assigneeId,
        status: conversations.status,
        createdAt: conversations.createdAt,
        ticketSince: conversations.ticketSince,
        missedAt: conversations.missedAt,
      })
      .from(conversations)
      .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
      .where(where)
      .all();
    const timelines = this.#timelines(scope);
    const ratings = this.#ratings(where);
    return rows.map((row) => ({ ...row, events: timelines.get(row.id) ?? [], ratings: ratings.get(row.id) ?? [] }));
  }

  /**
   * Each conversation's messages (notes and system lines left out), closes,
   * reopens and assignments, in log order. Hand-written and read as arrays:
   * a busy period has millions of log rows, and drizzle's row objects and JSON
   * parsing cost more than the query. SQLite's json_extract: a PostgreSQL
   * port needs `data->>'role'` here.
   */
  #timelines(scope: ReportScope): Map<string, TimelineEvent[]> {
    const filters = filtersOf(scope);
    const params = [scope.siteId, scope.from, scope.to, ...filters.params];
    const rows = this.db.$client
      .prepare(
        `SELECT e.conversation_id, e.seq, e.created_at,
           CASE
             WHEN e.type = 'message' THEN e.author_kind
             WHEN e.type = 'status' THEN CASE WHEN e.status = 'closed' THEN 'closed' ELSE 'reopened' END
             ELSE 'assigned'
           END
         FROM conversations c JOIN conversation_events e ON e.conversation_id = c.id
         WHERE c.site_id = ? AND c.created_at >= ? AND c.created_at < ? ${filters.sql}
           AND ((e.type = 'message' AND e.author_kind IN ('visitor', 'agent'))
             OR e.type = 'status'
             OR (e.type = 'joined' AND coalesce(json_extract(e.data, '$.role'), 'assignee') = 'assignee'))`,
      )
      .raw(true)
      .all(...params) as [string, number, number, TimelineEvent['kind']][];
    // No ORDER BY: sorting millions of rows in a temporary b-tree costs more than ordering each conversation's few here.
    const logs = new Map<string, { seq: number; event: TimelineEvent }[]>();
    for (const [conversationId, seq, at, kind] of rows) {
      const list = logs.get(conversationId);
      const entry = { seq, event: { kind, at } };
      if (list) list.push(entry);
      else logs.set(conversationId, [entry]);
    }
    const timelines = new Map<string, TimelineEvent[]>();
    for (const [id, list] of logs)
      timelines.set(
        id,
        list.sort((a, b) => a.seq - b.seq).map((entry) => entry.event),
      );
    return timelines;
  }

  /** The trigger rule whose firing started each conversation of the scope (by the firings' conversation index); name null once deleted. */
  rulesOf(scope: ReportScope): Map<string, { id: string; name: string | null }> {
    const rows = this.db
      .select({ conversationId: conversations.id, id: triggerFirings.ruleId, name: triggerRules.name })
      .from(conversations)
      .innerJoin(triggerFirings, and(eq(triggerFirings.conversationId, conversations.id), eq(triggerFirings.siteId, conversations.siteId)))
      .leftJoin(triggerRules, and(eq(triggerRules.id, triggerFirings.ruleId), eq(triggerRules.siteId, conversations.siteId)))
      .where(this.#where(scope))
      .all();
    return new Map(rows.map(({ conversationId, ...rule }) => [conversationId, rule]));
  }

  /** Every visitor with a conversation created in [from, to) on the site, whatever the report's filters: the baseline leaves them out. */
  conversationVisitors(siteId: string, from: number, to: number): Set<string> {
    const rows = this.db
      .selectDistinct({ visitorId: conversations.visitorId })
      .from(conversations)
      .where(this.#where({ siteId, from, to }))
      .all();
    return new Set(rows.map((r) => r.visitorId));
  }

  /** Each of the site's visitors with a page view started in [from, to), and the first one's start (the site's visitors, then each one's views by `page_views_visitor`). */
  firstVisits(siteId: string, from: number, to: number): RevenueVisit[] {
    return this.db
      .select({ visitorId: pageViews.visitorId, firstSeenAt: min(pageViews.startedAt).mapWith(Number) })
      .from(visitors)
      .innerJoin(pageViews, eq(pageViews.visitorId, visitors.id))
      .where(and(eq(visitors.siteId, siteId), gte(pageViews.startedAt, from), lt(pageViews.startedAt, to)))
      .groupBy(pageViews.visitorId)
      .all();
  }

  /** The checkouts and purchases of the site's visitors in [from, until] (by the partial `cart_events_stage_at`). */
  cartStages(siteId: string, from: number, until: number): { purchases: RevenuePurchase[]; checkouts: RevenueCheckout[] } {
    const rows = this.db
      .select({
        visitorId: cartEvents.visitorId,
        at: cartEvents.at,
        change: cartEvents.change,
        total: cartEvents.total,
        currency: cartEvents.currency,
      })
      .from(visitors)
      .innerJoin(cartEvents, eq(cartEvents.visitorId, visitors.id))
      .where(
        and(
          eq(visitors.siteId, siteId),
          // Literal, not bound: SQLite uses a partial index only when the query's terms match its WHERE as written.
          sql`${cartEvents.change} IN ('checkout', 'purchase')`,
          gte(cartEvents.at, from),
          lte(cartEvents.at, until),
        ),
      )
      .all();
    return {
      purchases: rows.filter((r) => r.change === 'purchase'),
      checkouts: rows.filter((r) => r.change === 'checkout'),
    };
  }

  #ratings(where: SQL): Map<string, { score: number; comment: string | null }[]> {
    const rows = this.db
      .select({
        conversationId: conversationRatings.conversationId,
        score: conversationRatings.score,
        comment: conversationRatings.comment,
      })
      .from(conversationRatings)
      .innerJoin(conversations, eq(conversations.id, conversationRatings.conversationId))
      .where(where)
      .orderBy(asc(conversationRatings.round))
      .all();
    const ratings = new Map<string, { score: number; comment: string | null }[]>();
    for (const { conversationId, ...rating } of rows) {
      const list = ratings.get(conversationId);
      if (list) list.push(rating);
      else ratings.set(conversationId, [rating]);
    }
    return ratings;
  }
}
