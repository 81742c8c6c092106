import type { Database } from 'better-sqlite3';
import type { SearchHit } from '@mostrador/shared';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '@mostrador/shared';

/** Who is searching: the site and agent come from the session. */
export interface Searcher {
  siteId: string;
  agentId: string;
  role: 'admin' | 'agent';
  departmentIds: readonly string[];
}

/** Relevance (bm25) when there are few enough matches to rank them all; otherwise newest first. */
export type SearchOrder = 'relevance' | 'newest';

export interface SearchFilters {
  tag?: string | undefined;
  agentId?: string | undefined;
  departmentId?: string | undefined;
  status?: 'open' | 'closed' | undefined;
  from?: number | undefined;
  to?: number | undefined;
}

/**
 * The only code that reads the FTS5 index (conversation_search, kept by triggers from the custom migration).
 * Raw SQL: drizzle cannot describe a virtual table. Results are ranked by bm25 and limited to what the
 * searcher may see, with the same rule as the conversations module's access: admins see the whole site;
 * agents their own and guest chats, and the open queue of their departments.
 */
export class SearchRepository {
  constructor(private readonly sqlite: Database) {}

  /**
   * How many of the site's indexed messages and notes match, counting no further than `limit`: the
   * index hands its rows over one by one, so this stops early however common the words are.
   */
  countUpTo(siteId: string, match: string, limit: number): number {
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

  search(who: Searcher, match: string, filters: SearchFilters, limit: number, offset: number, order: SearchOrder): SearchHit[] {
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
