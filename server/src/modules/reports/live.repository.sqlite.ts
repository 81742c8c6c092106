import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { LiveFilter } from '@mostrador/shared';
import type { Db } from '../../db/client.ts';
import { conversations } from '../../db/schema.ts';
import type { LiveCounts, LiveRepository } from './live.repository.ts';

/**
 * The live counts on SQLite: one pass over the site's open conversations
 * (the `conversations_site_status_updated` index); SQLite sums booleans.
 */
export class SqliteLiveRepository implements LiveRepository {
  constructor(private readonly db: Db) {}

  async liveCounts(siteId: string, filter: LiveFilter): Promise<LiveCounts> {
    const conditions: SQL[] = [eq(conversations.siteId, siteId), eq(conversations.status, 'open')];
    if (filter.departmentId) conditions.push(eq(conversations.departmentId, filter.departmentId));
    if (filter.origin) conditions.push(eq(conversations.origin, filter.origin));
    if (filter.tag) conditions.push(sql`EXISTS (SELECT 1 FROM json_each(${conversations.tags}) WHERE json_each.value = ${filter.tag})`);
    const agent = filter.agentId ? sql`${conversations.assigneeId} = ${filter.agentId}` : sql`1`;
    const live = sql`${conversations.ticketSince} IS NULL`;
    const ticket = sql`${conversations.ticketSince} IS NOT NULL AND ${agent}`;
    const row = this.db
      .select({
        inProgress: sql<number>`coalesce(sum(${live} AND ${conversations.assigneeId} IS NOT NULL AND ${agent}), 0)`,
        queued: sql<number>`coalesce(sum(${live} AND ${conversations.assigneeId} IS NULL), 0)`,
        ticketsOpen: sql<number>`coalesce(sum(${ticket}), 0)`,
        ticketsWaiting: sql<number>`coalesce(sum(${ticket} AND ${conversations.awaitingReplySince} IS NOT NULL AND ${conversations.hold} IS NULL), 0)`,
      })
      .from(conversations)
      .where(and(...conditions))
      .get();
    return {
      inProgress: row?.inProgress ?? 0,
      queued: row?.queued ?? 0,
      ticketsOpen: row?.ticketsOpen ?? 0,
      ticketsWaiting: row?.ticketsWaiting ?? 0,
    };
  }
}
