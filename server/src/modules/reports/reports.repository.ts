import { and, asc, eq, gte, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { ReportConversation, TimelineEvent } from '@mostrador/shared/reports';
import type { Db } from '../../db/client.ts';
import { conversationEvents, conversationRatings, conversations, visitors } from '../../db/schema.ts';

/** Which conversations a report reads: created in [from, to) on a site, optionally one department's or agent's. */
export interface ReportScope {
  siteId: string;
  from: number;
  to: number;
  departmentId?: string | undefined;
  agentId?: string | undefined;
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

  #where(scope: ReportScope): SQL {
    const conditions = [
      eq(conversations.siteId, scope.siteId),
      gte(conversations.createdAt, scope.from),
      lt(conversations.createdAt, scope.to),
    ];
    if (scope.departmentId) conditions.push(eq(conversations.departmentId, scope.departmentId));
    if (scope.agentId) conditions.push(eq(conversations.assigneeId, scope.agentId));
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
    const timelines = this.#timelines(where);
    const ratings = this.#ratings(where);
    return rows.map((row) => ({ ...row, events: timelines.get(row.id) ?? [], ratings: ratings.get(row.id) ?? [] }));
  }

  /** Each conversation's messages (notes and system lines left out), closes, reopens and assignments, in log order. */
  #timelines(where: SQL): Map<string, TimelineEvent[]> {
    const rows = this.db
      .select({
        conversationId: conversationEvents.conversationId,
        type: conversationEvents.type,
        authorKind: conversationEvents.authorKind,
        status: conversationEvents.status,
        data: conversationEvents.data,
        createdAt: conversationEvents.createdAt,
      })
      .from(conversationEvents)
      .innerJoin(conversations, eq(conversations.id, conversationEvents.conversationId))
      .where(
        and(
          where,
          or(
            and(eq(conversationEvents.type, 'message'), inArray(conversationEvents.authorKind, ['visitor', 'agent'])),
            eq(conversationEvents.type, 'status'),
            eq(conversationEvents.type, 'joined'),
          ),
        ),
      )
      .orderBy(asc(conversationEvents.conversationId), asc(conversationEvents.seq))
      .all();
    const timelines = new Map<string, TimelineEvent[]>();
    for (const row of rows) {
      const kind = kindOf(row);
      if (!kind) continue;
      const list = timelines.get(row.conversationId) ?? [];
      if (list.length === 0) timelines.set(row.conversationId, list);
      list.push({ kind, at: row.createdAt });
    }
    return timelines;
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
    for (const { conversationId, ...rating } of rows) ratings.set(conversationId, [...(ratings.get(conversationId) ?? []), rating]);
    return ratings;
  }
}

type LogRow = {
  type: string;
  authorKind: string;
  status: string | null;
  data: { role?: string } | null;
};

/** What a log row means to the reports; null for rows they do not read. */
function kindOf(row: LogRow): TimelineEvent['kind'] | null {
  if (row.type === 'message') return row.authorKind === 'visitor' ? 'visitor' : 'agent';
  if (row.type === 'status') return row.status === 'closed' ? 'closed' : 'reopened';
  if (row.type === 'joined') return (row.data?.role ?? 'assignee') === 'assignee' ? 'assigned' : null;
  return null;
}
