import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { LiveFilter } from '@mostrador/shared';
import type { PgDb } from '../../db/pg/client.ts';
import { conversations } from '../../db/pg/schema/index.ts';
import type { LiveCounts, LiveRepository } from './live.repository.ts';

/**
 * The live counts on PostgreSQL: the same pass as SQLite's, spelt with
 * `count(*) FILTER` (PostgreSQL refuses to sum booleans) and the tag found in
 * the jsonb list with `@>` (SQLite: json_each).
 */
export class PgLiveRepository implements LiveRepository {
  constructor(private readonly db: PgDb) {}

  async liveCounts(siteId: string, filter: LiveFilter): Promise<LiveCounts> {
    const conditions: SQL[] = [eq(conversations.siteId, siteId), eq(conversations.status, 'open')];
    if (filter.departmentId) conditions.push(eq(conversations.departmentId, filter.departmentId));
    if (filter.origin) conditions.push(eq(conversations.origin, filter.origin));
    if (filter.tag) conditions.push(sql`${conversations.tags} @> jsonb_build_array(${filter.tag}::text)`);
    const agent = filter.agentId ? sql`${conversations.assigneeId} = ${filter.agentId}` : sql`TRUE`;
    const live = sql`${conversations.ticketSince} IS NULL`;
    const ticket = sql`${conversations.ticketSince} IS NOT NULL AND ${agent}`;
    const counted = (where: SQL) => sql<number>`count(*) FILTER (WHERE ${where})`.mapWith(Number);
    const [row] = await this.db
      .select({
        inProgress: counted(sql`${live} AND ${conversations.assigneeId} IS NOT NULL AND ${agent}`),
        queued: counted(sql`${live} AND ${conversations.assigneeId} IS NULL`),
        ticketsOpen: counted(ticket),
        ticketsWaiting: counted(sql`${ticket} AND ${conversations.awaitingReplySince} IS NOT NULL AND ${conversations.hold} IS NULL`),
      })
      .from(conversations)
      .where(and(...conditions));
    return {
      inProgress: row?.inProgress ?? 0,
      queued: row?.queued ?? 0,
      ticketsOpen: row?.ticketsOpen ?? 0,
      ticketsWaiting: row?.ticketsWaiting ?? 0,
    };
  }
}
