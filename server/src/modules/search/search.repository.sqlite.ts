import type { Database } from 'better-sqlite3';
import type { SearchHit } from '@mostrador/shared';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '@mostrador/shared';
import type { Db } from '../../db/client.ts';
import { ftsMatch } from './search-match.ts';
import type { SearchFilters, Searcher, SearchOrder, SearchRepository, SearchTerm } from './search.repository.ts';

/**
 * The FTS5 index (conversation_search, kept by triggers from the custom migration) on SQLite. Raw SQL: drizzle
 * cannot describe a virtual table. Relevance is bm25's.
 */
export class SqliteSearchRepository implements SearchRepository {
  private readonly sqlite: Database;

  constructor(db: Db) {
    this.sqlite = db.$client;
  }

  /** The index hands its rows over one by one, so the count stops at `limit` however common the words are. */
  async countUpTo(siteId: string, terms: readonly SearchTerm[], limit: number): Promise<number> {
    const match = ftsMatch(terms);
    if (match === null) return 0;
    const row = this.sqlite
      .prepare(
        `SELECT count(*) AS n FROM (
           SELECT 1 FROM conversation_search
           JOIN conversation_events e ON e.rowid = conversation_search.rowid
           JOIN conversations c ON c.id = e.conversation_id
           WHERE conversation_search MATCH @match AND c.site_id = @siteId
           LIMIT @limit)`,
      )
      .get({ match, siteId, limit }) as { n: number };
    return row.n;
  }

  async search(
    who: Searcher,
    terms: readonly SearchTerm[],
    filters: SearchFilters,
    limit: number,
    offset: number,
    order: SearchOrder,
  ): Promise<SearchHit[]> {
    const match = ftsMatch(terms);
    if (match === null) return [];
    const where: string[] = ['conversation_search MATCH @match', 'c.site_id = @siteId'];
    const params: Record<string, unknown> = { match, siteId: who.siteId, limit, offset, me: who.agentId };
    if (who.role !== 'admin') {
      params.departments = JSON.stringify(who.departmentIds);
      where.push(`(c.assignee_id = @me
        OR EXISTS (SELECT 1 FROM conversation_guests g WHERE g.conversation_id = c.id AND g.agent_id = @me)
        OR (c.status = 'open' AND c.assignee_id IS NULL
            AND (c.department_id IS NULL OR c.department_id IN (SELECT value FROM json_each(@departments)))))`);
    }
    if (filters.tag) {
      params.tag = filters.tag;
      where.push('EXISTS (SELECT 1 FROM json_each(c.tags) WHERE value = @tag)');
    }
    if (filters.agentId) {
      params.agentId = filters.agentId;
      where.push('c.assignee_id = @agentId');
    }
    if (filters.departmentId) {
      params.departmentId = filters.departmentId;
      where.push('c.department_id = @departmentId');
    }
    if (filters.status) {
      params.status = filters.status;
      where.push('c.status = @status');
    }
    if (filters.from !== undefined) {
      params.from = filters.from;
      where.push('e.created_at >= @from');
    }
    if (filters.to !== undefined) {
      params.to = filters.to;
      where.push('e.created_at <= @to');
    }
    const rows = this.sqlite
      .prepare(
        `SELECT e.conversation_id AS conversationId, c.visitor_label AS visitorLabel, c.status AS status, e.seq AS seq,
                e.type AS kind, e.author_kind AS authorKind, e.author_name AS authorName, e.created_at AS createdAt,
                snippet(conversation_search, 0, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', 16) AS snippet
         FROM conversation_search
         JOIN conversation_events e ON e.rowid = conversation_search.rowid
         JOIN conversations c ON c.id = e.conversation_id
         WHERE ${where.join(' AND ')}
         ORDER BY ${
           // bm25 scores every match before the first row comes out; newest first reads the index backwards
           // and stops at the page, so a word in half the history costs no more than a rare one.
           order === 'relevance' ? 'bm25(conversation_search), e.created_at DESC' : 'conversation_search.rowid DESC'
         }
         LIMIT @limit OFFSET @offset`,
      )
      .all(params);
    return rows as SearchHit[];
  }
}
