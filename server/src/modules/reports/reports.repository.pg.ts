import { and, asc, eq, gte, inArray, lt, lte, min, sql, type SQL } from 'drizzle-orm';
import type { RevenueCheckout, RevenuePurchase, RevenueVisit, TimelineEvent } from '@mostrador/shared/reports';
import type { PgDb } from '../../db/pg/client.ts';
import {
  cartEvents,
  conversationRatings,
  conversations,
  pageViews,
  triggerFirings,
  triggerRules,
  visitors,
} from '../../db/pg/schema/index.ts';
import type { ReportScope, ReportsRepository } from './reports.repository.ts';
import type { FactsRow, ReadRow, StoredConversation } from './fact-rows.ts';
import {
  PG_TIMELINE,
  ratingsOf,
  saveFactsStatement,
  stagesOf,
  storedConversations,
  storedFactsStatement,
  timelineStatement,
  timelinesOf,
  type TimelineRow,
} from './report-rows.ts';

/** Fact rows per statement (21 parameters each, well under PostgreSQL's 65,535). */
const SAVE_CHUNK = 500;

/**
 * The reports' reads on PostgreSQL: the same rows as the SQLite repository's
 * for the same tables. What SQLite spells its own way: a tag is found in the
 * jsonb list with `@>` (SQLite: json_each), a joined event's role with
 * `data->>'role'` (SQLite: json_extract); int8 moments read by hand come back as strings and are made numbers here.
 */
export class PgReportsRepository implements ReportsRepository {
  constructor(private readonly db: PgDb) {}

  #where(scope: ReportScope): SQL {
    const conditions = [
      eq(conversations.siteId, scope.siteId),
      gte(conversations.createdAt, scope.from),
      lt(conversations.createdAt, scope.to),
    ];
    if (scope.departmentId) conditions.push(eq(conversations.departmentId, scope.departmentId));
    if (scope.agentId) conditions.push(eq(conversations.assigneeId, scope.agentId));
    if (scope.origin) conditions.push(eq(conversations.origin, scope.origin));
    if (scope.tag) conditions.push(sql`${conversations.tags} @> jsonb_build_array(${scope.tag}::text)`);
    if (scope.ids) conditions.push(inArray(conversations.id, [...scope.ids]));
    return and(...conditions)!;
  }

  /** The conversation rows first, then their logs: a change in between leaves the row stale, never wrongly fresh. */
  async conversationsIn(scope: ReportScope): Promise<StoredConversation[]> {
    const where = this.#where(scope);
    const rows = await this.db
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
        // As text: the fact row stores it back as jsonb, which compares equal.
        rating: sql<string | null>`${conversations.rating}::text`,
      })
      .from(conversations)
      .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
      .where(where);
    const [timelines, ratings] = await Promise.all([this.#timelines(scope), this.#ratings(where)]);
    return storedConversations(rows, timelines, ratings);
  }

  async storedFacts(scope: ReportScope): Promise<ReadRow[]> {
    const { text, values } = storedFactsStatement(scope, PG_TIMELINE);
    return (await this.db.$client.query<ReadRow>({ text, values, rowMode: 'array' })).rows;
  }

  async saveFacts(rows: readonly FactsRow[]): Promise<void> {
    for (let at = 0; at < rows.length; at += SAVE_CHUNK) {
      const { text, values } = saveFactsStatement(rows.slice(at, at + SAVE_CHUNK), PG_TIMELINE);
      await this.db.$client.query(text, values);
    }
  }

  async changedSince(siteId: string, since: number): Promise<{ id: string; createdAt: number }[]> {
    return this.db
      .select({ id: conversations.id, createdAt: conversations.createdAt })
      .from(conversations)
      .where(and(eq(conversations.siteId, siteId), inArray(conversations.status, ['open', 'closed']), gte(conversations.updatedAt, since)));
  }

  /** Hand-written and read as arrays, as on SQLite: a busy period has millions of log rows. */
  async #timelines(scope: ReportScope): Promise<Map<string, TimelineEvent[]>> {
    const { text, values } = timelineStatement(scope, PG_TIMELINE);
    const result = await this.db.$client.query<TimelineRow>({ text, values, rowMode: 'array' });
    return timelinesOf(result.rows);
  }

  async rulesOf(scope: ReportScope): Promise<Map<string, { id: string; name: string | null }>> {
    const rows = await this.db
      .select({ conversationId: conversations.id, id: triggerFirings.ruleId, name: triggerRules.name })
      .from(conversations)
      .innerJoin(triggerFirings, and(eq(triggerFirings.conversationId, conversations.id), eq(triggerFirings.siteId, conversations.siteId)))
      .leftJoin(triggerRules, and(eq(triggerRules.id, triggerFirings.ruleId), eq(triggerRules.siteId, conversations.siteId)))
      .where(this.#where(scope))
      // The latest firing last, so it is the one the map keeps.
      .orderBy(asc(triggerFirings.id));
    return new Map(rows.map(({ conversationId, ...rule }) => [conversationId, rule]));
  }

  async customerStarts(
    siteId: string,
    from: number,
    to: number,
  ): Promise<{ visitorId: string; customerId: string | null; createdAt: number }[]> {
    return await this.db
      .select({ visitorId: conversations.visitorId, customerId: visitors.customerId, createdAt: conversations.createdAt })
      .from(conversations)
      .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
      .where(and(this.#where({ siteId, from, to }), inArray(conversations.origin, ['visitor', 'email'])));
  }

  async conversationVisitors(siteId: string, from: number, to: number): Promise<Set<string>> {
    const rows = await this.db
      .selectDistinct({ visitorId: conversations.visitorId })
      .from(conversations)
      .where(this.#where({ siteId, from, to }));
    return new Set(rows.map((r) => r.visitorId));
  }

  firstVisits(siteId: string, from: number, to: number): Promise<RevenueVisit[]> {
    return this.db
      .select({ visitorId: pageViews.visitorId, firstSeenAt: min(pageViews.startedAt).mapWith(Number) })
      .from(visitors)
      .innerJoin(pageViews, eq(pageViews.visitorId, visitors.id))
      .where(and(eq(visitors.siteId, siteId), gte(pageViews.startedAt, from), lt(pageViews.startedAt, to)))
      .groupBy(pageViews.visitorId);
  }

  async cartStages(siteId: string, from: number, until: number): Promise<{ purchases: RevenuePurchase[]; checkouts: RevenueCheckout[] }> {
    const rows = await this.db
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
          // Literal, not bound, as on SQLite: PostgreSQL too matches a partial index's WHERE only against constants.
          sql`${cartEvents.change} IN ('checkout', 'purchase')`,
          gte(cartEvents.at, from),
          lte(cartEvents.at, until),
        ),
      );
    return stagesOf(rows);
  }

  async #ratings(where: SQL): Promise<Map<string, { score: number; comment: string | null }[]>> {
    const rows = await this.db
      .select({
        conversationId: conversationRatings.conversationId,
        score: conversationRatings.score,
        comment: conversationRatings.comment,
      })
      .from(conversationRatings)
      .innerJoin(conversations, eq(conversations.id, conversationRatings.conversationId))
      .where(where)
      .orderBy(asc(conversationRatings.round));
    return ratingsOf(rows);
  }
}
