import { and, asc, eq, gte, inArray, lt, lte, min, sql, type SQL } from 'drizzle-orm';
import type { RevenueCheckout, RevenuePurchase, RevenueVisit, TimelineEvent } from '@mostrador/shared/reports';
import type { Db } from '../../db/client.ts';
import { cartEvents, conversationRatings, conversations, pageViews, triggerFirings, triggerRules, visitors } from '../../db/schema.ts';
import type { ReportScope, ReportsRepository } from './reports.repository.ts';
import type { FactsRow, ReadRow, StoredConversation } from './fact-rows.ts';
import {
  ratingsOf,
  saveFactsStatement,
  SQLITE_TIMELINE,
  stagesOf,
  storedConversations,
  storedFactsStatement,
  timelineStatement,
  timelinesOf,
  type TimelineRow,
} from './report-rows.ts';

/** Fact rows per transaction: short enough that a message's commit never waits long behind one. */
const SAVE_CHUNK = 250;

/**
 * The reports' reads on SQLite: the conversations created in a
 * range (by the `conversations_site_created` index), their log's messages,
 * status changes and assignments (by the log's primary key) and their ratings.
 * The message path never waits on it: SQLite's WAL lets readers and the
 * writer run side by side.
 */
export class SqliteReportsRepository implements ReportsRepository {
  constructor(private readonly db: Db) {}

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
    if (scope.ids) conditions.push(inArray(conversations.id, [...scope.ids]));
    return and(...conditions)!;
  }

  /** The conversation rows first, then their logs: a change in between leaves the row stale, never wrongly fresh. */
  async conversationsIn(scope: ReportScope): Promise<StoredConversation[]> {
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
        lastSeq: conversations.lastSeq,
        // As stored, not parsed: the fact row keeps the same text to compare.
        rating: sql<string | null>`${conversations.rating}`,
      })
      .from(conversations)
      .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
      .where(where)
      .all();
    const timelines = this.#timelines(scope);
    const ratings = this.#ratings(where);
    return storedConversations(rows, timelines, ratings);
  }

  async storedFacts(scope: ReportScope): Promise<ReadRow[]> {
    const { text, values } = storedFactsStatement(scope, SQLITE_TIMELINE);
    return this.db.$client
      .prepare(text)
      .raw(true)
      .all(...values) as ReadRow[];
  }

  async saveFacts(rows: readonly FactsRow[]): Promise<void> {
    for (let at = 0; at < rows.length; at += SAVE_CHUNK) {
      if (at > 0) await new Promise((resolve) => setImmediate(resolve));
      const { text, values } = saveFactsStatement(rows.slice(at, at + SAVE_CHUNK), SQLITE_TIMELINE);
      this.db.$client.prepare(text).run(...values);
    }
  }

  async changedSince(siteId: string, since: number): Promise<{ id: string; createdAt: number }[]> {
    return this.db
      .select({ id: conversations.id, createdAt: conversations.createdAt })
      .from(conversations)
      .where(and(eq(conversations.siteId, siteId), inArray(conversations.status, ['open', 'closed']), gte(conversations.updatedAt, since)))
      .all();
  }

  /**
   * Each conversation's messages (notes and system lines left out), closes,
   * reopens and assignments, in log order. Hand-written and read as arrays:
   * a busy period has millions of log rows, and drizzle's row objects and JSON
   * parsing cost more than the query.
   */
  #timelines(scope: ReportScope): Map<string, TimelineEvent[]> {
    const { text, values } = timelineStatement(scope, SQLITE_TIMELINE);
    return timelinesOf(
      this.db.$client
        .prepare(text)
        .raw(true)
        .all(...values) as TimelineRow[],
    );
  }

  /** The trigger rule whose firing started each conversation of the scope (by the firings' conversation index); name null once deleted. */
  async rulesOf(scope: ReportScope): Promise<Map<string, { id: string; name: string | null }>> {
    const rows = this.db
      .select({ conversationId: conversations.id, id: triggerFirings.ruleId, name: triggerRules.name })
      .from(conversations)
      .innerJoin(triggerFirings, and(eq(triggerFirings.conversationId, conversations.id), eq(triggerFirings.siteId, conversations.siteId)))
      .leftJoin(triggerRules, and(eq(triggerRules.id, triggerFirings.ruleId), eq(triggerRules.siteId, conversations.siteId)))
      .where(this.#where(scope))
      // The latest firing last, so it is the one the map keeps.
      .orderBy(asc(triggerFirings.id))
      .all();
    return new Map(rows.map(({ conversationId, ...rule }) => [conversationId, rule]));
  }

  /** The customer-started conversations created in [from, to) (by `conversations_site_created`), whatever the report's filters. */
  async customerStarts(
    siteId: string,
    from: number,
    to: number,
  ): Promise<{ visitorId: string; customerId: string | null; createdAt: number }[]> {
    return this.db
      .select({ visitorId: conversations.visitorId, customerId: visitors.customerId, createdAt: conversations.createdAt })
      .from(conversations)
      .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
      .where(and(this.#where({ siteId, from, to }), inArray(conversations.origin, ['visitor', 'email'])))
      .all();
  }

  /** Every visitor with a conversation created in [from, to) on the site, whatever the report's filters: the baseline leaves them out. */
  async conversationVisitors(siteId: string, from: number, to: number): Promise<Set<string>> {
    const rows = this.db
      .selectDistinct({ visitorId: conversations.visitorId })
      .from(conversations)
      .where(this.#where({ siteId, from, to }))
      .all();
    return new Set(rows.map((r) => r.visitorId));
  }

  /** Each of the site's visitors with a page view started in [from, to), and the first one's start (the site's visitors, then each one's views by `page_views_visitor`). */
  async firstVisits(siteId: string, from: number, to: number): Promise<RevenueVisit[]> {
    return this.db
      .select({ visitorId: pageViews.visitorId, firstSeenAt: min(pageViews.startedAt).mapWith(Number) })
      .from(visitors)
      .innerJoin(pageViews, eq(pageViews.visitorId, visitors.id))
      .where(and(eq(visitors.siteId, siteId), gte(pageViews.startedAt, from), lt(pageViews.startedAt, to)))
      .groupBy(pageViews.visitorId)
      .all();
  }

  /** The checkouts and purchases of the site's visitors in [from, until] (by the partial `cart_events_stage_at`). */
  async cartStages(siteId: string, from: number, until: number): Promise<{ purchases: RevenuePurchase[]; checkouts: RevenueCheckout[] }> {
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
    return stagesOf(rows);
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
    return ratingsOf(rows);
  }
}
