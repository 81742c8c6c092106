import { and, asc, eq, getTableColumns, gt, sql } from 'drizzle-orm';
import type { PgTx } from '../../db/committer.ts';
import type { PgDb } from '../../db/pg/client.ts';
import { namedStatement, type PgRunner, tableRow } from '../../db/pg/named-statement.ts';
import { conversationEvents, conversations } from '../../db/pg/schema/index.ts';
import type { StoredEvent } from './conversations.store.ts';
import type { ConversationRow, MessageFields } from './conversations.types.ts';
import { messageEvent } from './message-event.ts';

/*
 * The conversations store's hot path on PostgreSQL: what every message,
 * broadcast and resync runs, as named statements built once (SQLite's twin
 * is conversations.statements.ts). The store (conversations.store.pg.ts)
 * runs them on a step's transaction or on the pool.
 */

const p = sql.placeholder;
const conversationRow = tableRow(conversations);
const eventRow = tableRow(conversationEvents);
const first = <T>(rows: T[]): T | undefined => rows[0];

/** A conversation's log after a number (`seq`, or the visitor's own `visitor_seq`, which notes lack), in that numbering's order. */
function logAfter(db: PgDb, numbering: typeof conversationEvents.seq | typeof conversationEvents.visitorSeq) {
  return db
    .select(getTableColumns(conversationEvents))
    .from(conversationEvents)
    .innerJoin(conversations, eq(conversations.id, conversationEvents.conversationId))
    .where(and(eq(conversations.id, p('conversationId')), eq(conversations.siteId, p('siteId')), gt(numbering, p('after'))))
    .orderBy(asc(numbering))
    .limit(p('limit'))
    .toSQL();
}

/**
 * The reads of the message path, built once and run by name (see
 * `namedStatement`) on the pool or on a step's transaction, as SQLite's
 * `prepareHotPath` prepares them: every message, broadcast and resync asks.
 */
export function prepareHotReads(db: PgDb) {
  const byId = namedStatement(
    'conversations_by_id',
    db
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, p('id')), eq(conversations.siteId, p('siteId'))))
      .toSQL(),
    conversationRow,
  );
  const openForVisitor = namedStatement(
    'conversations_open_for_visitor',
    db
      .select()
      .from(conversations)
      // A literal 'open' lets PostgreSQL use the partial unique index of open conversations.
      .where(and(eq(conversations.visitorId, p('visitorId')), sql`${conversations.status} = 'open'`, eq(conversations.siteId, p('siteId'))))
      .toSQL(),
    conversationRow,
  );
  const byAuthorClientId = namedStatement(
    'conversations_event_by_author_client_id',
    db
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
      .toSQL(),
    eventRow,
  );
  const eventsAfter = namedStatement('conversations_events_after', logAfter(db, conversationEvents.seq), eventRow);
  const visitorEventsAfter = namedStatement('conversations_visitor_events_after', logAfter(db, conversationEvents.visitorSeq), eventRow);
  return {
    byId: (on: PgRunner, siteId: string, id: string) => byId(on, { siteId, id }).then(first),
    openForVisitor: (on: PgRunner, siteId: string, visitorId: string) => openForVisitor(on, { siteId, visitorId }).then(first),
    byAuthorClientId: (on: PgRunner, siteId: string, authorId: string, clientId: string) =>
      byAuthorClientId(on, { siteId, authorId, clientId }).then(first),
    eventsAfter: (on: PgRunner, siteId: string, conversationId: string, after: number, limit: number) =>
      eventsAfter(on, { siteId, conversationId, after, limit }),
    visitorEventsAfter: (on: PgRunner, siteId: string, conversationId: string, after: number, limit: number) =>
      visitorEventsAfter(on, { siteId, conversationId, after, limit }),
  };
}

/**
 * What every message does to its conversation: the next seq in both logs
 * and the summary columns. SET reads the row as it was before this UPDATE,
 * and the row lock the UPDATE takes is held until the step commits, so a
 * second message to the conversation (on any node) waits, then numbers
 * after this one: the log has no gap and no seq twice.
 */
const bump = {
  lastSeq: sql`${conversations.lastSeq} + 1`,
  lastVisitorSeq: sql`${conversations.lastVisitorSeq} + 1`,
  updatedAt: sql`${p('at')}`,
  lastMessageBody: sql`${p('body')}`,
  lastMessageAuthor: sql`${p('author')}`,
  lastMessageAt: sql`${p('at')}`,
};

/**
 * The message path on PostgreSQL: one `UPDATE … RETURNING` that finds the
 * conversation, numbers the message and updates the summary, then one
 * INSERT of the event, both on the step's transaction. The statements are
 * built once and run by name (see `namedStatement`).
 */
export function prepareMessagePath(db: PgDb) {
  const statements = {
    /** A visitor message starts the wait for a reply, unless one is already running. */
    visitorMessage: namedStatement(
      'conversations_visitor_message',
      db
        .update(conversations)
        .set({ ...bump, awaitingReplySince: sql`COALESCE(${conversations.awaitingReplySince}, ${p('at')})` })
        .where(
          and(eq(conversations.visitorId, p('visitorId')), sql`${conversations.status} = 'open'`, eq(conversations.siteId, p('siteId'))),
        )
        .returning()
        .toSQL(),
      conversationRow,
    ),
    /** An agent message ends the wait, and is the first response if there was none. */
    agentMessage: namedStatement(
      'conversations_agent_message',
      db
        .update(conversations)
        .set({ ...bump, awaitingReplySince: null, firstResponseAt: sql`COALESCE(${conversations.firstResponseAt}, ${p('at')})` })
        .where(and(eq(conversations.id, p('conversationId')), eq(conversations.siteId, p('siteId'))))
        .returning()
        .toSQL(),
      conversationRow,
    ),
    insertMessage: namedStatement(
      'conversations_insert_message',
      db
        .insert(conversationEvents)
        .values({
          conversationId: p('conversationId'),
          seq: p('seq'),
          visitorSeq: p('visitorSeq'),
          type: 'message',
          authorKind: p('authorKind'),
          authorId: p('authorId'),
          authorName: p('authorName'),
          clientId: p('clientId'),
          body: p('body'),
          // JSON text, or SQL NULL: the column's own encoder would store a JSON null for a message without data.
          data: sql`${p('json')}::jsonb`,
          createdAt: p('createdAt'),
        })
        .toSQL(),
      () => undefined,
    ),
  };

  /** The message's event, numbered by the UPDATE that just bumped its conversation. */
  async function insertMessage(tx: PgTx, conversation: ConversationRow, message: MessageFields): Promise<StoredEvent> {
    const event = messageEvent(conversation, message);
    await statements.insertMessage(tx, { ...event, json: event.data && JSON.stringify(event.data) });
    return { event, conversation };
  }

  return {
    async visitorMessage(tx: PgTx, siteId: string, visitorId: string, message: MessageFields): Promise<StoredEvent | undefined> {
      const at = message.createdAt;
      const [conversation] = await statements.visitorMessage(tx, { siteId, visitorId, at, body: message.body, author: message.authorKind });
      return conversation && insertMessage(tx, conversation, message);
    },
    async agentMessage(tx: PgTx, siteId: string, conversationId: string, message: MessageFields): Promise<StoredEvent> {
      const at = message.createdAt;
      const [conversation] = await statements.agentMessage(tx, {
        siteId,
        conversationId,
        at,
        body: message.body,
        author: message.authorKind,
      });
      if (!conversation) throw new Error(`conversation ${conversationId} vanished`);
      return insertMessage(tx, conversation, message);
    },
  };
}

/**
 * Read receipts: each moves its watermark forward only, translated into the
 * numbering of the side that reads it back, in one UPDATE … RETURNING (no
 * row when the mark did not move), as conversations.statements.ts explains.
 * The visitor's mark names an entry of its own log, stored as that entry's seq.
 */
export const agentSeqOfVisitorSeq = (visitorSeq: number) =>
  sql`(SELECT ${conversationEvents.seq} FROM ${conversationEvents} WHERE ${conversationEvents.conversationId} = ${conversations.id}
    AND ${conversationEvents.visitorSeq} IS NOT NULL AND ${conversationEvents.visitorSeq} <= ${visitorSeq}
    ORDER BY ${conversationEvents.visitorSeq} DESC LIMIT 1)`;

/** The agents' mark names a seq of theirs, stored as the visitor seq of the last entry the visitor has at or before it. */
export const visitorSeqOfAgentSeq = (seq: number) =>
  sql`(SELECT ${conversationEvents.visitorSeq} FROM ${conversationEvents} WHERE ${conversationEvents.conversationId} = ${conversations.id}
    AND ${conversationEvents.seq} <= ${seq} AND ${conversationEvents.visitorSeq} IS NOT NULL
    ORDER BY ${conversationEvents.seq} DESC LIMIT 1)`;
