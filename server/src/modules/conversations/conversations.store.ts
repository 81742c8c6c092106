import type { InTx, Tx } from '../../db/committer.ts';
import type { ConversationChanges, ConversationRow, EventRow, MessageFields, NewEvent } from './conversations.types.ts';

/** A message just stored, with its conversation as it stands after it. */
export interface StoredEvent {
  event: EventRow;
  conversation: ConversationRow;
}

/**
 * The conversations, their events (the log) and their guests, on either
 * engine (conversations.store.test.ts holds both implementations to one
 * contract). Every read and write takes the caller's site and puts it in the
 * WHERE: another site's id finds nothing, like a missing one.
 *
 * Two kinds of method:
 * - `…InTx(tx, …)`: part of a committed step (`Committer`, `runStep`). On
 *   SQLite they answer at once inside the group commit's transaction, on
 *   PostgreSQL with a promise, on the step's own transaction client. The
 *   log's numbering is gap-free because each append reads and bumps the
 *   conversation's counters in one `UPDATE … RETURNING`, which on
 *   PostgreSQL holds the conversation's row lock until the commit.
 * - the others: reads outside any step. SQLite answers at once, PostgreSQL
 *   with a promise; callers `await` (or `andThen`) either.
 */
export interface ConversationsStore {
  // Inside a step.
  byIdInTx(tx: Tx, siteId: string, id: string): InTx<ConversationRow | undefined>;
  openForVisitorInTx(tx: Tx, siteId: string, visitorId: string): InTx<ConversationRow | undefined>;
  /**
   * A new conversation. The database refuses a second open conversation
   * for a visitor (a partial unique index): the write throws, and the step
   * rolls back.
   */
  insertInTx(tx: Tx, row: ConversationRow): InTx<void>;
  updateInTx(tx: Tx, siteId: string, id: string, changes: ConversationChanges): InTx<ConversationRow>;
  /** Atomic claim: the row, only while the conversation is open and nobody's; undefined when another claim won. */
  claimInTx(tx: Tx, siteId: string, id: string, agentId: string): InTx<ConversationRow | undefined>;
  /** The event an author sent with this client id (a resend), on the caller's site only. */
  eventByAuthorClientIdInTx(tx: Tx, siteId: string, authorId: string, clientId: string): InTx<EventRow | undefined>;
  /** A visitor's message appended to its open conversation; undefined when it has none. */
  appendVisitorMessageInTx(tx: Tx, siteId: string, visitorId: string, message: MessageFields): InTx<StoredEvent | undefined>;
  /** An agent's message: ends the wait for a reply, and is the first response if there was none. */
  appendAgentMessageInTx(tx: Tx, siteId: string, conversationId: string, message: MessageFields): InTx<StoredEvent>;
  /**
   * Any event, with the next seq (and the next visitor seq when the visitor
   * may see it), applying `changes` to the conversation in the same write.
   */
  appendInTx(tx: Tx, siteId: string, conversationId: string, event: NewEvent, changes?: ConversationChanges): InTx<StoredEvent>;
  /**
   * Routing's decisions on a site (who is free, who is next in the queue)
   * read loads and the queue, then claim: this makes the site's routing steps
   * take turns until they commit. SQLite has one writer, so nothing to do;
   * PostgreSQL takes a transaction-scoped advisory lock on the site, so two
   * nodes never hand one agent more than their capacity between them.
   */
  lockRoutingInTx(tx: Tx, siteId: string): InTx<void>;
  /** Open conversations waiting for an agent, in the order they will be served. */
  queueInTx(tx: Tx, siteId: string): InTx<ConversationRow[]>;
  /** What each agent carries now: a live chat counts 1, a ticket its weight. */
  loadsInTx(tx: Tx, siteId: string): InTx<Map<string, number>>;
  openAssignedToInTx(tx: Tx, siteId: string, agentId: string): InTx<ConversationRow[]>;
  openAsGuestInTx(tx: Tx, siteId: string, agentId: string): InTx<ConversationRow[]>;
  /**
   * Adds the guest only to a conversation of the site; twice is once. The
   * row's `guestIds` follows the table in the same write, in joining order.
   */
  addGuestInTx(tx: Tx, siteId: string, conversationId: string, agentId: string, at: number): InTx<void>;
  removeGuestInTx(tx: Tx, siteId: string, conversationId: string, agentId: string): InTx<void>;
  /** Snoozed conversations of every site whose time has come, soonest first. */
  dueSnoozesInTx(tx: Tx, now: number, limit: number): InTx<ConversationRow[]>;
  /** The visitor has seen its log up to `visitorSeq`: the row when the mark moved forward, else undefined. */
  markVisitorReadInTx(
    tx: Tx,
    siteId: string,
    visitorId: string,
    conversationId: string,
    visitorSeq: number,
  ): InTx<ConversationRow | undefined>;
  /** An agent has read the agents' log up to `seq`: the row when the mark moved forward, else undefined. */
  markAgentReadInTx(tx: Tx, siteId: string, conversationId: string, seq: number): InTx<ConversationRow | undefined>;
  /** Queued conversations of every site that are live chats, not tickets. */
  queuedChatsInTx(tx: Tx): InTx<ConversationRow[]>;
  /** After a restart nobody is on the site yet: every open conversation's visitor counts as gone until they return. */
  markVisitorsGoneInTx(tx: Tx, at: number): InTx<void>;

  // Outside any step.
  byId(siteId: string, id: string): InTx<ConversationRow | undefined>;
  openForVisitor(siteId: string, visitorId: string): InTx<ConversationRow | undefined>;
  /**
   * The site a conversation belongs to, whichever it is. Only for a reply
   * address, where no session names a site and the id itself (with the
   * sender check) is the capability.
   */
  siteOf(conversationId: string): InTx<string | undefined>;
  queue(siteId: string): InTx<ConversationRow[]>;
  loads(siteId: string): InTx<Map<string, number>>;
  /** What one conversation adds to its agent's load: a ticket weighs less than a live chat. */
  weightOf(conversation: ConversationRow): number;
  eventsAfter(siteId: string, conversationId: string, afterSeq: number, limit: number): InTx<EventRow[]>;
  visitorEventsAfter(siteId: string, conversationId: string, afterVisitorSeq: number, limit: number): InTx<EventRow[]>;
  /** Conversations whose last message is an agent's, written since `since`, on any site: the reply mailer's candidates. */
  agentRepliedSince(since: number): InTx<ConversationRow[]>;
  /** Agents in any open conversation, as assignee or guest, on any site. */
  agentsInOpenChats(): InTx<Array<{ agentId: string; siteId: string }>>;
  /** Assigned to the agent or joined as a guest, with this status, most recently updated first. */
  involving(siteId: string, agentId: string, status: ConversationRow['status'], limit: number): InTx<ConversationRow[]>;
  /** One visitor's ended conversations begun before `before`, newest first. */
  endedOfVisitor(siteId: string, visitorId: string, before: number, limit: number): InTx<ConversationRow[]>;
  /** These visitors' conversations, newest first. */
  byVisitors(siteId: string, visitorIds: readonly string[], limit: number): InTx<ConversationRow[]>;
  /** Open and pending conversations whose visitor is not on the site, longest waiting first. */
  tickets(siteId: string, limit: number): InTx<ConversationRow[]>;
  /** Missed chats of the site in [from, to): when each was missed, and whether it became a ticket. */
  missedBetween(siteId: string, from: number, to: number): InTx<Array<{ missedAt: number; ticketed: boolean }>>;
  listBySite(siteId: string, status: ConversationRow['status'], limit: number): InTx<ConversationRow[]>;
  /**
   * Milliseconds from first message to first agent reply of the site's live
   * chats begun since `since`: the shopper started them, they were not
   * tickets, and an agent has answered.
   */
  firstReplyWaits(siteId: string, since: number): InTx<number[]>;
}
