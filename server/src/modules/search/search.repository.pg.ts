import { HIGHLIGHT_END, HIGHLIGHT_START, type SearchHit } from '@mostrador/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { PgDb } from '../../db/pg/client.ts';
import { tsQuery } from './search-match.ts';
import type { SearchFilters, Searcher, SearchOrder, SearchRepository, SearchTerm } from './search.repository.ts';

/**
 * What makes a row match: the expression and predicate of the GIN index conversation_events_search
 * (drizzle-pg/0003_search.sql), written exactly as there or PostgreSQL would not use the index.
 */
const matches = (query: string): SQL =>
  sql`e.type IN ('message', 'note') AND e.body IS NOT NULL AND conversation_search_vector(e.body) @@ ${query}::tsquery`;

/**
 * ts_headline's options for a snippet as long as SQLite's (16 words), marked like it. ShortWord=0: a short
 * word the query matched ("ES", "10") is still a word worth starting a snippet on.
 */
const HEADLINE = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=16, MinWords=8, ShortWord=0, MaxFragments=1`;

interface HitRow extends Record<string, unknown> {
  conversationId: string;
  visitorLabel: string;
  status: SearchHit['status'];
  seq: number;
  kind: SearchHit['kind'];
  authorKind: SearchHit['authorKind'];
  authorName: string | null;
  /** int8 comes back from node-postgres as text. */
  createdAt: string;
  snippet: string;
}

/**
 * The same search on PostgreSQL: its own full-text search over conversation_events, the database keeping the
 * index in each writing transaction. Relevance is ts_rank's, with the score divided by 1 + log(length) so that,
 * as with bm25, a short message saying the words outranks a long one that mentions them.
 */
export class PgSearchRepository implements SearchRepository {
  constructor(private readonly db: PgDb) {}

  async countUpTo(siteId: string, terms: readonly SearchTerm[], limit: number): Promise<number> {
    const query = tsQuery(terms);
    if (query === null) return 0;
    // The matches are planned apart from the LIMIT (MATERIALIZED): under a LIMIT the planner may read the
    // table in order and compute each body's words, betting on finding `limit` rows early, and for a word that
    // matches nothing that read is every row (3.6 s over 100,000 messages). Through the index, rows are still
    // handed over one by one, so the count stops at `limit`.
    const result = await this.db.execute<{ n: number }>(sql`
      WITH matched AS MATERIALIZED (SELECT e.conversation_id FROM conversation_events e WHERE ${matches(query)})
      SELECT count(*)::int AS n FROM (
        SELECT 1 FROM matched m JOIN conversations c ON c.id = m.conversation_id
        WHERE c.site_id = ${siteId}
        LIMIT ${limit}) AS found`);
    return result.rows[0]?.n ?? 0;
  }

  async search(
    who: Searcher,
    terms: readonly SearchTerm[],
    filters: SearchFilters,
    limit: number,
    offset: number,
    order: SearchOrder,
  ): Promise<SearchHit[]> {
    const query = tsQuery(terms);
    if (query === null) return [];
    const where: SQL[] = [matches(query), sql`c.site_id = ${who.siteId}`];
    if (who.role !== 'admin') {
      const me = who.agentId;
      where.push(sql`(c.assignee_id = ${me}
        OR EXISTS (SELECT 1 FROM conversation_guests g WHERE g.conversation_id = c.id AND g.agent_id = ${me})
        OR (c.status = 'open' AND c.assignee_id IS NULL
            AND (c.department_id IS NULL OR c.department_id = ANY(${sql.param([...who.departmentIds])}::text[]))))`);
    }
    if (filters.tag) where.push(sql`c.tags @> jsonb_build_array(${filters.tag}::text)`);
    if (filters.agentId) where.push(sql`c.assignee_id = ${filters.agentId}`);
    if (filters.departmentId) where.push(sql`c.department_id = ${filters.departmentId}`);
    if (filters.status) where.push(sql`c.status = ${filters.status}`);
    if (filters.from !== undefined) where.push(sql`e.created_at >= ${filters.from}`);
    if (filters.to !== undefined) where.push(sql`e.created_at <= ${filters.to}`);
    // Ties (and the newest-first order) fall back on the event's own key, so every page is cut from one order.
    const newest = sql`e.created_at DESC, e.conversation_id DESC, e.seq DESC`;
    const orderBy = order === 'relevance' ? sql`ts_rank(conversation_search_vector(e.body), ${query}::tsquery, 1) DESC, ${newest}` : newest;
    const result = await this.db.execute<HitRow>(sql`
      SELECT e.conversation_id AS "conversationId", c.visitor_label AS "visitorLabel", c.status AS status, e.seq AS seq,
             e.type AS kind, e.author_kind AS "authorKind", e.author_name AS "authorName", e.created_at AS "createdAt",
             ts_headline('conversation_search', e.body, ${query}::tsquery, ${HEADLINE}) AS snippet
      FROM conversation_events e
      JOIN conversations c ON c.id = e.conversation_id
      WHERE ${sql.join(where, sql` AND `)}
      ORDER BY ${orderBy}
      LIMIT ${limit} OFFSET ${offset}`);
    return result.rows.map((row) => ({ ...row, createdAt: Number(row.createdAt) }));
  }
}
