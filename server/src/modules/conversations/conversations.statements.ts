import { and, asc, desc, eq, getTableColumns, gt, inArray, lt, sql, type SQLWrapper } from 'drizzle-orm';
import { CONVERSATION_STATUSES, hasEnded } from '@mostrador/shared';
import type { Db } from '../../db/client.ts';
import { conversationEvents, conversations } from '../../db/schema.ts';

const p = sql.placeholder;

/** The statuses in which a conversation is over (closed, or resolved once it exists). */
export const ENDED_STATUSES = CONVERSATION_STATUSES.filter(hasEnded);

/**
 * The site's condition on a read by visitor, kept (tenancy) but written
 * `+site_id`, which takes it out of the planner's choice so that the
 * visitor's own index (`conversations_visitor`) is used. Without statistics,
 * SQLite preferred `conversations_site_created` for the ORDER BY and walked
 * the site's whole history to find one visitor's few: every visitor's
 * connection asks, and a reconnect storm of 5,000 visitors spent 3.9 s of
 * its 25 s in that one query.
 */
export const siteNotIndexed = (siteId: SQLWrapper | string) => sql`+${conversations.siteId} = ${siteId}`;

/** One visitor's ended conversations begun before `before`, newest first (prepared below; the plan's test reads it). */
export function endedOfVisitorQuery(db: Db) {
  return db
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.visitorId, p('visitorId')),
        siteNotIndexed(p('siteId')),
        inArray(conversations.status, ENDED_STATUSES),
        lt(conversations.createdAt, p('before')),
      ),
    )
    .orderBy(desc(conversations.createdAt))
    .limit(p('limit'));
}

/** A conversation's log after a number (`seq`, or the visitor's own `visitor_seq`), in that numbering's order. */
function logAfter(db: Db, numbering: typeof conversationEvents.seq | typeof conversationEvents.visitorSeq) {
  return db
    .select(getTableColumns(conversationEvents))
    .from(conversationEvents)
    .innerJoin(conversations, eq(conversations.id, conversationEvents.conversationId))
    .where(and(eq(conversations.id, p('conversationId')), eq(conversations.siteId, p('siteId')), gt(numbering, p('after'))))
    .orderBy(asc(numbering))
    .limit(p('limit'));
}

/**
 * Statements of the message path, prepared once: building and preparing SQL
 * on every message cost more than running it.
 */
export function prepareHotPath(db: Db) {
  return {
    byId: db
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, p('id')), eq(conversations.siteId, p('siteId'))))
      .prepare(),
    openForVisitor: db
      .select()
      .from(conversations)
      // A literal 'open' lets SQLite use the partial index of open conversations.
      .where(and(eq(conversations.visitorId, p('visitorId')), sql`${conversations.status} = 'open'`, eq(conversations.siteId, p('siteId'))))
      .prepare(),
    byAuthorClientId: db
      .select(getTableColumns(conversationEvents))
      .from(conversationEvents)
      .innerJoin(conversations, eq(conversations.id, conversationEvents.conversationId))
      .where(
        and(
          eq(conversationEvents.authorId, p('authorId')),
          eq(conversationEvents.clientId, p('clientId')),
          eq(conversations.siteId, p('siteId')),
        ),
      )
      .prepare(),
    endedOfVisitor: endedOfVisitorQuery(db).prepare(),
    // Every resync after a reconnect reads these: an agent's log, and a visitor's (notes left out by its own numbering).
    eventsAfter: logAfter(db, conversationEvents.seq).prepare(),
    visitorEventsAfter: logAfter(db, conversationEvents.visitorSeq).prepare(),
  };
}

/** `column AS "key"` for every column, so raw statements return rows shaped like drizzle's. */
const conversationRow = Object.entries(getTableColumns(conversations))
  .map(([key, column]) => `"${column.name}" AS "${key}"`)
  .join(', ');

/**
 * The message path in plain SQL: one UPDATE … RETURNING finds the open
 * conversation, numbers the message and updates the summary at once.
 * Hand-written because the ORM's row mapping was a tenth of the CPU spent on
 * each message. Rows come back shaped like drizzle's (camelCase keys).
 */
export function prepareMessagePath(db: Db) {
  const sqlite = db.$client;
  const bump = `last_seq = last_seq + 1, last_visitor_seq = last_visitor_seq + 1, updated_at = @at,
    last_message_body = @body, last_message_author = @author, last_message_at = @at`;
  return {
    /** A visitor message starts the wait for a reply, unless one is already running. */
    visitorMessage: sqlite.prepare(
      `UPDATE conversations SET ${bump}, awaiting_reply_since = COALESCE(awaiting_reply_since, @at)
       WHERE visitor_id = @visitorId AND status = 'open' AND site_id = @siteId RETURNING ${conversationRow}`,
    ),
    /** An agent message ends the wait, and is the first response if there was none. */
    agentMessage: sqlite.prepare(
      `UPDATE conversations SET ${bump}, awaiting_reply_since = NULL, first_response_at = COALESCE(first_response_at, @at)
       WHERE id = @conversationId AND site_id = @siteId RETURNING ${conversationRow}`,
    ),
    insertMessage: sqlite.prepare(
      `INSERT INTO conversation_events (conversation_id, seq, visitor_seq, type, author_kind, author_id, author_name, client_id, body, created_at)
       VALUES (@conversationId, @seq, @visitorSeq, 'message', @authorKind, @authorId, @authorName, @clientId, @body, @createdAt)`,
    ),
    /** The same, for the rare message that carries data (an agent's "don't email"). */
    insertMessageWithData: sqlite.prepare(
      `INSERT INTO conversation_events (conversation_id, seq, visitor_seq, type, author_kind, author_id, author_name, client_id, body, data, created_at)
       VALUES (@conversationId, @seq, @visitorSeq, 'message', @authorKind, @authorId, @authorName, @clientId, @body, @json, @createdAt)`,
    ),
  };
}

/**
 * Read receipts: each moves its watermark forward only, translated into the
 * sequence of the side that reads it back, in one UPDATE … RETURNING (no row
 * comes back when the mark did not move). The visitor's mark names a seq of
 * its own log and is stored as the agents' seq of that entry; the agents'
 * mark names a seq of theirs and is stored as the visitor seq of the last
 * entry the visitor has at or before it (notes have none).
 */
export function prepareReadReceipts(db: Db) {
  const sqlite = db.$client;
  const agentSeqOfVisitorSeq = `(SELECT seq FROM conversation_events WHERE conversation_id = conversations.id
    AND visitor_seq IS NOT NULL AND visitor_seq <= @seq ORDER BY visitor_seq DESC LIMIT 1)`;
  const visitorSeqOfAgentSeq = `(SELECT visitor_seq FROM conversation_events WHERE conversation_id = conversations.id
    AND seq <= @seq AND visitor_seq IS NOT NULL ORDER BY seq DESC LIMIT 1)`;
  return {
    visitorRead: sqlite.prepare(
      `UPDATE conversations SET visitor_read_seq = ${agentSeqOfVisitorSeq}
       WHERE id = @conversationId AND site_id = @siteId AND visitor_id = @visitorId
         AND visitor_read_seq < COALESCE(${agentSeqOfVisitorSeq}, 0) RETURNING ${conversationRow}`,
    ),
    agentRead: sqlite.prepare(
      `UPDATE conversations SET agent_read_seq = ${visitorSeqOfAgentSeq}
       WHERE id = @conversationId AND site_id = @siteId
         AND agent_read_seq < COALESCE(${visitorSeqOfAgentSeq}, 0) RETURNING ${conversationRow}`,
    ),
  };
}
