import type { ReportConversation, RevenueCheckout, RevenuePurchase, TimelineEvent } from '@mostrador/shared/reports';
import { FACTS_COLUMNS, LIVE, STORED, type FactsRow, type StoredConversation } from './fact-rows.ts';
import type { ReportScope } from './reports.repository.ts';

// What both engines' report repositories share: the timelines' hand-written statement (with the few
// words each dialect spells its own way) and the shaping of the rows read.

/** What the timelines' hand-written SQL spells differently on each engine. */
export interface TimelineDialect {
  /** The n-th bound value (from 1). */
  param(n: number): string;
  /** A joined event's role, from its JSON data (null when absent). */
  role: string;
  /** A joined or left event's agent id, from its JSON data (null when absent). */
  agentId: string;
  /** The conversation `c`'s tag list holds the bound tag. */
  hasTag(param: string): string;
  /** "Differs from", NULLs equal. */
  distinct: string;
}

export const SQLITE_TIMELINE: TimelineDialect = {
  param: () => '?',
  role: "json_extract(e.data, '$.role')",
  agentId: "json_extract(e.data, '$.agent.id')",
  hasTag: (param) => `EXISTS (SELECT 1 FROM json_each(c.tags) WHERE json_each.value = ${param})`,
  distinct: 'IS NOT',
};

export const PG_TIMELINE: TimelineDialect = {
  param: (n) => `$${n}`,
  role: "e.data->>'role'",
  agentId: "e.data->'agent'->>'id'",
  // A jsonb list of strings holds the tag exactly when it contains a list of that one string.
  hasTag: (param) => `c.tags @> jsonb_build_array(${param}::text)`,
  distinct: 'IS DISTINCT FROM',
};

/** A timeline row as read: conversation, log seq, moment (PostgreSQL's int8 comes back as a string), kind, agent (assignments). */
export type TimelineRow = [string, number, number | string, TimelineEvent['kind'], string | null];

/**
 * Each conversation's messages (notes and system lines left out), closes,
 * reopens, assignments and agents leaving of the scope, one statement for both engines.
 * Filters as the repositories' drizzle `where` reads them: an empty one is none.
 */
export function timelineStatement(scope: ReportScope, dialect: TimelineDialect): { text: string; values: (string | number)[] } {
  const { where, values } = scopeWhere(scope, dialect);
  const text = `SELECT e.conversation_id, e.seq, e.created_at,
           CASE
             WHEN e.type = 'message' THEN e.author_kind
             WHEN e.type = 'status' THEN CASE WHEN e.status = 'closed' THEN 'closed' ELSE 'reopened' END
             WHEN e.type = 'left' THEN 'unassigned'
             ELSE 'assigned'
           END,
           CASE WHEN e.type IN ('joined', 'left') THEN ${dialect.agentId} END
         FROM conversations c JOIN conversation_events e ON e.conversation_id = c.id
         WHERE ${where}
           AND ((e.type = 'message' AND e.author_kind IN ('visitor', 'agent'))
             OR e.type = 'status'
             OR e.type = 'left'
             OR (e.type = 'joined' AND coalesce(${dialect.role}, 'assignee') = 'assignee'))`;
  return { text, values };
}

/** The scope's conversations `c`, as a WHERE clause and its bound values; `ids` narrows them to some. */
export function scopeWhere(scope: ReportScope, dialect: TimelineDialect): { where: string; values: (string | number)[] } {
  const values: (string | number)[] = [scope.siteId, scope.from, scope.to];
  const bind = (value: string) => {
    values.push(value);
    return dialect.param(values.length);
  };
  const filters = [
    scope.departmentId ? `AND c.department_id = ${bind(scope.departmentId)}` : '',
    scope.agentId ? `AND c.assignee_id = ${bind(scope.agentId)}` : '',
    scope.origin ? `AND c.origin = ${bind(scope.origin)}` : '',
    scope.tag ? `AND ${dialect.hasTag(bind(scope.tag))}` : '',
    scope.ids ? `AND c.id IN (${scope.ids.map(bind).join(', ')})` : '',
  ].join(' ');
  return {
    where: `c.site_id = ${dialect.param(1)} AND c.created_at >= ${dialect.param(2)} AND c.created_at < ${dialect.param(3)} ${filters}`,
    values,
  };
}

/**
 * The stored facts of the scope's conversations beside their live columns
 * (fact-rows.ts: LIVE, a stale flag, STORED). A row is stale when missing or
 * when what it was computed from differs from the conversation now.
 */
export function storedFactsStatement(scope: ReportScope, dialect: TimelineDialect): { text: string; values: (string | number)[] } {
  const { where, values } = scopeWhere(scope, dialect);
  const d = dialect.distinct;
  const stale = `(f.conversation_id IS NULL OR f.last_seq <> c.last_seq OR f.status <> c.status
      OR f.missed_at ${d} c.missed_at OR f.ticket_since ${d} c.ticket_since OR f.rating ${d} c.rating)`;
  const text = `SELECT ${LIVE.join(', ')}, ${stale}, ${STORED.map((column) => `f.${column}`).join(', ')}
         FROM conversations c JOIN visitors v ON v.id = c.visitor_id
           LEFT JOIN report_facts f ON f.conversation_id = c.id
         WHERE ${where}`;
  return { text, values };
}

/**
 * The rows grouped by conversation, each in log order. The statement has no
 * ORDER BY: sorting millions of rows in a temporary b-tree costs more than
 * ordering each conversation's few here.
 */
export function timelinesOf(rows: Iterable<TimelineRow>): Map<string, TimelineEvent[]> {
  const logs = new Map<string, { seq: number; event: TimelineEvent }[]>();
  for (const [conversationId, seq, at, kind, agentId] of rows) {
    const list = logs.get(conversationId);
    const entry = { seq, event: agentId ? { kind, at: Number(at), agentId } : { kind, at: Number(at) } };
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

/** Ratings grouped by conversation, in the order read (by round). */
export function ratingsOf(
  rows: Iterable<{ conversationId: string; score: number; comment: string | null }>,
): Map<string, { score: number; comment: string | null }[]> {
  const ratings = new Map<string, { score: number; comment: string | null }[]>();
  for (const { conversationId, ...rating } of rows) {
    const list = ratings.get(conversationId);
    if (list) list.push(rating);
    else ratings.set(conversationId, [rating]);
  }
  return ratings;
}

/** Checkout and purchase rows, told apart. */
export function stagesOf(rows: readonly (RevenuePurchase & { change: string })[]): {
  purchases: RevenuePurchase[];
  checkouts: RevenueCheckout[];
} {
  return {
    purchases: rows.filter((r) => r.change === 'purchase'),
    checkouts: rows.filter((r) => r.change === 'checkout'),
  };
}

/** Each stored column's PostgreSQL type, for the casts a VALUES list of bound parameters needs. */
const PG_TYPES: Record<(typeof FACTS_COLUMNS)[number], string> = {
  conversation_id: 'text',
  site_id: 'text',
  last_seq: 'int4',
  status: 'text',
  missed_at: 'int8',
  ticket_since: 'int8',
  rating: 'jsonb',
  schedule_key: 'text',
  channel: 'text',
  clock_start: 'int8',
  first_response_raw: 'int4',
  first_response_business: 'int4',
  resolution_raw: 'int4',
  resolution_business: 'int4',
  wait: 'int4',
  flags: 'int4',
  ratings: 'text',
  comments: 'int4',
  responses: 'bytea',
  last_closed_at: 'int8',
  handled: 'text',
};

/**
 * Writes fact rows (replacing the old ones), skipping a conversation erased
 * since it was read: the foreign key would refuse its row.
 */
export function saveFactsStatement(rows: readonly FactsRow[], dialect: TimelineDialect): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const tuples = rows.map(
    (row) =>
      `(${FACTS_COLUMNS.map((column) => {
        values.push(row[column]);
        const param = dialect.param(values.length);
        return dialect === PG_TIMELINE ? `${param}::${PG_TYPES[column]}` : param;
      }).join(', ')})`,
  );
  const columns = FACTS_COLUMNS.join(', ');
  // A CTE names the VALUES' columns on both engines (SQLite has no `AS r(columns)` on a subquery).
  const text = `WITH r(${columns}) AS (VALUES ${tuples.join(', ')})
    INSERT INTO report_facts (${columns}) SELECT * FROM r
    WHERE EXISTS (SELECT 1 FROM conversations c WHERE c.id = r.conversation_id)
    ON CONFLICT (conversation_id) DO UPDATE SET ${FACTS_COLUMNS.slice(1)
      .map((column) => `${column} = excluded.${column}`)
      .join(', ')}`;
  return { text, values };
}

/** A conversation row as both engines read it for a recount: the report's columns, its last seq and its rating as stored. */
export type ConversationRow = Omit<ReportConversation, 'events' | 'ratings'> & { lastSeq: number; rating: string | null };

/** The rows with their logs and ratings, and the signature their facts will be stored with. */
export function storedConversations(
  rows: readonly ConversationRow[],
  timelines: ReadonlyMap<string, TimelineEvent[]>,
  ratings: ReadonlyMap<string, { score: number; comment: string | null }[]>,
): StoredConversation[] {
  return rows.map(({ lastSeq, rating, ...row }) => ({
    ...row,
    events: timelines.get(row.id) ?? [],
    ratings: ratings.get(row.id) ?? [],
    signature: { lastSeq, status: row.status, missedAt: row.missedAt, ticketSince: row.ticketSince, rating },
  }));
}
