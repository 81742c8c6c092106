import {
  type ActiveState,
  EARLIER_PAGE_SIZE,
  type EarlierThreads,
  fail,
  type InboxView,
  ok,
  type Result,
  SYNC_PAGE_SIZE,
} from '@mostrador/shared';
import { andThen, type InTx } from '../../db/committer.ts';
import type { AgentActor, VisitorActor } from './actors.ts';
import { type AccessResolver, visitorMayAccess } from './conversations.access.ts';
import type { ConversationsStore } from './conversations.store.ts';
import type { ConversationRow, EventRow, Page } from './conversations.types.ts';

const INBOX_LIMIT = 1000;
/** The most events a transcript by email carries (a very long chat is cut at its start). */
const TRANSCRIPT_MAX_EVENTS = 2000;

function notFound(): Result<never> {
  return fail('not_found', 'No such conversation');
}

/**
 * What the conversations' readers ask, each within the caller's site and
 * what it may see: pages of a log, inbox views, a visitor's earlier
 * conversations, transcripts. Nothing here writes; ConversationsService
 * adds the writes on top.
 */
export class ConversationReads {
  constructor(
    protected readonly repo: ConversationsStore,
    protected readonly access: AccessResolver,
  ) {}

  /** The conversation an email's reply address names, read within its own site (see the store's `siteOf`). */
  async byReplyAddress(conversationId: string): Promise<ConversationRow | undefined> {
    const siteId = await this.repo.siteOf(conversationId);
    return siteId === undefined ? undefined : this.repo.byId(siteId, conversationId);
  }

  openForVisitor(siteId: string, visitorId: string): InTx<ConversationRow | undefined> {
    return this.repo.openForVisitor(siteId, visitorId);
  }

  async visitorPage(visitor: VisitorActor, conversationId: string, afterSeq: number): Promise<Result<Page>> {
    const conversation = await this.repo.byId(visitor.siteId, conversationId);
    if (!conversation || !visitorMayAccess(visitor, conversation)) return notFound();
    const rows = await this.repo.visitorEventsAfter(visitor.siteId, conversation.id, afterSeq, SYNC_PAGE_SIZE + 1);
    return ok(page(conversation, rows));
  }

  /** The whole conversation as the visitor sees it (no internal notes), for a transcript by email. */
  async visitorTranscript(
    visitor: VisitorActor,
    conversationId: string,
  ): Promise<Result<{ conversation: ConversationRow; events: EventRow[] }>> {
    const conversation = await this.repo.byId(visitor.siteId, conversationId);
    if (!conversation || !visitorMayAccess(visitor, conversation)) return notFound();
    return ok({ conversation, events: await this.repo.visitorEventsAfter(visitor.siteId, conversation.id, 0, TRANSCRIPT_MAX_EVENTS) });
  }

  /** Whether the agent may read the conversation; another site's id or a missing one: false alike. */
  async agentCanRead(agent: AgentActor, conversationId: string): Promise<boolean> {
    const conversation = await this.repo.byId(agent.siteId, conversationId);
    return conversation !== undefined && this.access.of(agent, conversation) !== 'none';
  }

  /** For the reply mailer (a background worker): conversations an agent wrote in last, since `since`. */
  agentRepliedSince(since: number): InTx<ConversationRow[]> {
    return this.repo.agentRepliedSince(since);
  }

  /** For the reply mailer: what the visitor can see after their seq `afterVisitorSeq`. */
  visitorEventsAfter(siteId: string, conversationId: string, afterVisitorSeq: number, limit: number): InTx<EventRow[]> {
    return this.repo.visitorEventsAfter(siteId, conversationId, afterVisitorSeq, limit);
  }

  async agentPage(agent: AgentActor, conversationId: string, afterSeq: number): Promise<Result<Page>> {
    const conversation = await this.repo.byId(agent.siteId, conversationId);
    if (!conversation || this.access.of(agent, conversation) === 'none') return notFound();
    const rows = await this.repo.eventsAfter(agent.siteId, conversation.id, afterSeq, SYNC_PAGE_SIZE + 1);
    return ok(page(conversation, rows));
  }

  /** The rows of an inbox view, narrowed to one active state when asked. */
  async list(agent: AgentActor, view: InboxView, state?: ActiveState): Promise<Result<ConversationRow[]>> {
    const listed = await this.listView(agent, view);
    if (!listed.ok || !state) return listed;
    return ok(listed.data.filter((c) => c.status === 'open' && (c.hold ?? 'open') === state));
  }

  private async listView(agent: AgentActor, view: InboxView): Promise<Result<ConversationRow[]>> {
    const admin = agent.role === 'admin';
    const mine = (rows: ConversationRow[]) => (admin ? rows : rows.filter((c) => this.access.of(agent, c) !== 'none'));
    switch (view) {
      case 'mine':
        return ok(await this.repo.involving(agent.siteId, agent.agentId, 'open', INBOX_LIMIT));
      case 'queue':
        return ok(mine(await this.repo.queue(agent.siteId)));
      case 'tickets':
        return ok(mine(await this.repo.tickets(agent.siteId, INBOX_LIMIT)));
      case 'all':
        return admin ? ok(await this.repo.listBySite(agent.siteId, 'open', INBOX_LIMIT)) : fail('forbidden', 'Admins only');
      case 'closed':
        return ok(
          admin
            ? await this.repo.listBySite(agent.siteId, 'closed', INBOX_LIMIT)
            : await this.repo.involving(agent.siteId, agent.agentId, 'closed', INBOX_LIMIT),
        );
    }
  }

  loads(siteId: string): InTx<Map<string, number>> {
    return this.repo.loads(siteId);
  }

  /**
   * The visitor's own ended conversations begun before `before`, newest
   * first, for the widget's one thread: their messages come through
   * `conversation:sync`, which gives a visitor only its own, without notes.
   */
  async earlierForVisitor(visitor: VisitorActor, before: number): Promise<Result<EarlierThreads>> {
    const rows = await this.repo.endedOfVisitor(visitor.siteId, visitor.visitorId, before, EARLIER_PAGE_SIZE + 1);
    return ok({
      conversations: rows.slice(0, EARLIER_PAGE_SIZE).map((c) => ({ id: c.id, createdAt: c.createdAt, closedAt: c.closedAt })),
      hasMore: rows.length > EARLIER_PAGE_SIZE,
    });
  }

  /** Whether the visitor has any ended conversation to show above the current one. */
  hasEarlier(visitor: Pick<VisitorActor, 'siteId' | 'visitorId'>): InTx<boolean> {
    return andThen(this.repo.endedOfVisitor(visitor.siteId, visitor.visitorId, Number.MAX_SAFE_INTEGER, 1), (rows) => rows.length > 0);
  }

  /** A visitor's conversations (or a customer's, across devices), newest first. */
  conversationsOf(siteId: string, visitorIds: readonly string[], limit: number): InTx<ConversationRow[]> {
    return this.repo.byVisitors(siteId, visitorIds, limit);
  }
}

function page(conversation: ConversationRow, rows: EventRow[]): Page {
  return { conversation, events: rows.slice(0, SYNC_PAGE_SIZE), hasMore: rows.length > SYNC_PAGE_SIZE };
}
