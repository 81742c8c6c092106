import {
  EARLIER_PAGE_SIZE,
  fail,
  ok,
  type AttachmentInfo,
  type ProductCard,
  SYNC_PAGE_SIZE,
  type ActiveState,
  type EarlierThreads,
  type InboxView,
  type Result,
} from '@mostrador/shared';
import { andThen, type Committer, type InTx, runStep, type StepBody, step, type Tx } from '../../db/committer.ts';
import { newId } from '../../db/ids.ts';
import type { AgentActor, VisitorActor } from './actors.ts';
import { visitorMayAccess, type AccessResolver } from './conversations.access.ts';
import type { SocketBroadcaster } from './conversations.broadcast.ts';
import type { ConversationsStore } from './conversations.store.ts';
import type { Appended, ConversationRow, EventRow, Page } from './conversations.types.ts';
import type { RoutingService } from './routing.service.ts';
import { stateEvent } from './system-events.ts';
import type { TeamDirectory } from './team-directory.ts';

export type { Appended, Page } from './conversations.types.ts';

const INBOX_LIMIT = 1000;
/** The most events a transcript by email carries (a very long chat is cut at its start). */
const TRANSCRIPT_MAX_EVENTS = 2000;

/** The trigger invitations a visitor's first message may answer; the triggers module provides them. */
export interface InvitationSource {
  invitationInTx(
    tx: Tx,
    siteId: string,
    visitorId: string,
    firingId: string,
  ): InTx<{ message: string; author: { id: string | null; name: string }; departmentId: string | null; tags: string[] } | null>;
  repliedInTx(tx: Tx, siteId: string, visitorId: string, firingId: string, conversationId: string, at: number): InTx<void>;
  /** An agent answered for the first time in a conversation a trigger started. */
  answered(siteId: string, conversationId: string, at: number): void;
}

/**
 * Files a message carries; the attachments module provides them. Both run
 * inside the message's transaction: a message is stored with its files or
 * not at all.
 */
export interface MessageFiles {
  /** The author's own uploads, not yet sent; another's, or a missing one: not found. */
  claimInTx(tx: Tx, siteId: string, authorId: string, ids: readonly string[]): InTx<Result<AttachmentInfo[]>>;
  bindInTx(tx: Tx, siteId: string, ids: readonly string[], at: { conversationId: string; seq: number; visitorId: string }): InTx<void>;
}

/**
 * The products a visitor saw, as the side panel's trail shows them; the
 * visitors module provides it. An agent names one by its page's URL and the
 * card is built from what the visitor's browser reported, never from the
 * agent's payload.
 */
export interface ProductTrail {
  productSeen(siteId: string, visitorId: string, url: string): Promise<ProductCard | null>;
}

type SendInput = { clientId: string; body: string; attachments?: string[] | undefined };

function notFound(): Result<never> {
  return fail('not_found', 'No such conversation');
}

/** The rules of a conversation's life: who may write, when it opens and closes, what is told to whom. */
export class ConversationsService {
  constructor(
    private readonly repo: ConversationsStore,
    private readonly committer: Committer,
    private readonly broadcast: SocketBroadcaster,
    private readonly routing: RoutingService,
    private readonly access: AccessResolver,
    private readonly team: TeamDirectory,
    private readonly invitations: InvitationSource | null = null,
    /** Whether anyone can answer a line now (its hours are open and someone is online); if not, new conversations are tickets. */
    private readonly canAnswer: (siteId: string, departmentId: string | null, at: number) => boolean = () => true,
    private readonly files: MessageFiles | null = null,
    private readonly products: ProductTrail | null = null,
  ) {}

  /** The files of a new message, claimed in its step; none asked: an empty list. */
  private *claimFiles(tx: Tx, siteId: string, authorId: string, input: SendInput): StepBody<Result<AttachmentInfo[]>> {
    if (!input.attachments?.length) return ok([]);
    if (!this.files) return fail('invalid_payload', 'Files are not taken here');
    return yield* step(this.files.claimInTx(tx, siteId, authorId, input.attachments));
  }

  private *bindFiles(tx: Tx, siteId: string, files: AttachmentInfo[], event: EventRow, visitorId: string): StepBody<void> {
    if (files.length === 0 || !this.files) return;
    const ids = files.map((f) => f.id);
    yield* step(this.files.bindInTx(tx, siteId, ids, { conversationId: event.conversationId, seq: event.seq, visitorId }));
  }

  /** The conversation an email's reply address names, read within its own site (see the store's `siteOf`). */
  async byReplyAddress(conversationId: string): Promise<ConversationRow | undefined> {
    const siteId = await this.repo.siteOf(conversationId);
    return siteId === undefined ? undefined : this.repo.byId(siteId, conversationId);
  }

  openForVisitor(siteId: string, visitorId: string): InTx<ConversationRow | undefined> {
    return this.repo.openForVisitor(siteId, visitorId);
  }

  /**
   * A visitor's message goes to its open conversation, opening one (and
   * routing it) if needed. A resend with the same client id returns the
   * stored message unchanged.
   */
  async sendFromVisitor(
    visitor: VisitorActor,
    input: SendInput & { department?: string | undefined; trigger?: string | undefined },
  ): Promise<Result<Appended>> {
    const sent = await this.committer.run((tx) => runStep(tx, this.visitorSendStep(tx, visitor, input)));
    if (!sent.ok) return sent;
    const outcome = sent.data;
    const conversation =
      outcome.later.length > 0 ? (await this.repo.byId(visitor.siteId, outcome.message.conversation.id))! : outcome.message.conversation;
    if (outcome.isNew) {
      if (outcome.opened) this.broadcast.conversationCreated(conversation);
      this.broadcast.eventsAppended(conversation, [outcome.message.event, ...outcome.later], {
        ackedTo: visitor.connectionId,
      });
      if (outcome.opened && outcome.later.length === 0) this.routing.publishQueue(conversation.siteId);
    }
    return ok({ event: outcome.message.event, conversation });
  }

  private *visitorSendStep(
    tx: Tx,
    visitor: VisitorActor,
    input: SendInput & { department?: string | undefined; trigger?: string | undefined },
  ): StepBody<Result<{ message: Appended; later: EventRow[]; opened: boolean; isNew: boolean }>> {
    const stored = yield* this.storedResend(tx, visitor.siteId, visitor.visitorId, input.clientId);
    if (stored) return ok({ message: stored, later: [] as EventRow[], opened: false, isNew: false });
    const files = yield* this.claimFiles(tx, visitor.siteId, visitor.visitorId, input);
    if (!files.ok) return files;
    const now = Date.now();
    const fields = {
      authorKind: 'visitor' as const,
      authorId: visitor.visitorId,
      authorName: visitor.label,
      clientId: input.clientId,
      body: input.body,
      createdAt: now,
      ...(files.data.length > 0 ? { attachments: files.data } : {}),
    };
    let message = yield* step(this.repo.appendVisitorMessageInTx(tx, visitor.siteId, visitor.visitorId, fields));
    const opened = !message;
    if (!message) {
      yield* this.openConversation(tx, visitor, input, now);
      message = (yield* step(this.repo.appendVisitorMessageInTx(tx, visitor.siteId, visitor.visitorId, fields)))!;
    }
    yield* this.bindFiles(tx, visitor.siteId, files.data, message.event, visitor.visitorId);
    const assigned = opened ? yield* this.routing.assignInTx(tx, message.conversation) : null;
    const later = assigned ? [assigned.event] : [];
    // The customer wrote: a pending or snoozed conversation is open again. One field read per message, nothing more.
    if (message.conversation.hold !== null) later.push((yield* this.wakeInTx(tx, message.conversation, 'customer', now)).event);
    return ok({ message, later, opened, isNew: true });
  }

  async sendFromAgent(
    agent: AgentActor,
    input: SendInput & { conversationId: string; noEmail?: boolean | undefined; product?: { url: string } | undefined },
  ): Promise<Result<Appended>> {
    // A product card reads the visitor's trail, which may wait on the database: looked up before the step, only when sent.
    const card = input.product ? await this.#productCard(agent.siteId, input.conversationId, input.product.url) : undefined;
    const outcome = await this.committer.run((tx) => runStep(tx, this.agentSendStep(tx, agent, input, card)));
    if (!outcome.ok) return outcome;
    if (outcome.data.isNew) {
      const { conversation, event } = outcome.data;
      this.broadcast.eventsAppended(conversation, [event], { ackedTo: agent.connectionId });
      // The agent SQL sets the first response to this message's time when there was none.
      if (conversation.origin === 'trigger' && conversation.firstResponseAt === event.createdAt) {
        this.invitations?.answered(conversation.siteId, conversation.id, event.createdAt);
      }
    }
    return ok({ event: outcome.data.event, conversation: outcome.data.conversation });
  }

  /** The card of a product the agent names, for the visitor of the conversation as it was before the step (null: none). */
  async #productCard(
    siteId: string,
    conversationId: string,
    url: string,
  ): Promise<{ visitorId: string; product: ProductCard | null } | null> {
    const visitorId = (await this.repo.byId(siteId, conversationId))?.visitorId;
    if (visitorId === undefined) return null;
    return { visitorId, product: (await this.products?.productSeen(siteId, visitorId, url)) ?? null };
  }

  private *agentSendStep(
    tx: Tx,
    agent: AgentActor,
    input: SendInput & { conversationId: string; noEmail?: boolean | undefined; product?: { url: string } | undefined },
    card: { visitorId: string; product: ProductCard | null } | null | undefined,
  ): StepBody<Result<Appended & { isNew: boolean }>> {
    const stored = yield* this.storedResend(tx, agent.siteId, agent.agentId, input.clientId);
    if (stored) return ok({ ...stored, isNew: false });
    const conversation = yield* step(this.repo.byIdInTx(tx, agent.siteId, input.conversationId));
    if (!conversation || this.access.of(agent, conversation) === 'none') return notFound();
    if (this.access.of(agent, conversation) !== 'write') return fail('forbidden', 'Take the conversation first');
    if (conversation.status !== 'open') return fail('conflict', 'The conversation is closed');
    const product = input.product ? (card?.visitorId === conversation.visitorId ? card.product : null) : undefined;
    if (product === null) return fail('not_found', 'No such product: not in the visitor’s pages, nor in the site’s catalogue');
    const files = yield* this.claimFiles(tx, agent.siteId, agent.agentId, input);
    if (!files.ok) return files;
    const appended = yield* step(
      this.repo.appendAgentMessageInTx(tx, agent.siteId, conversation.id, {
        authorKind: 'agent',
        authorId: agent.agentId,
        authorName: agent.name,
        clientId: input.clientId,
        body: input.body,
        createdAt: Date.now(),
        ...(input.noEmail ? { noEmail: true } : {}),
        ...(files.data.length > 0 ? { attachments: files.data } : {}),
        ...(product ? { product } : {}),
      }),
    );
    yield* this.bindFiles(tx, agent.siteId, files.data, appended.event, conversation.visitorId);
    return ok({ ...appended, isNew: true });
  }

  closeByVisitor(visitor: VisitorActor, conversationId: string): Promise<Result<Appended>> {
    return this.close(visitor.siteId, conversationId, (c) => visitorMayAccess(visitor, c), {
      authorKind: 'visitor',
      authorId: visitor.visitorId,
      authorName: visitor.label,
    });
  }

  closeByAgent(agent: AgentActor, conversationId: string): Promise<Result<Appended>> {
    return this.close(agent.siteId, conversationId, (c) => this.access.of(agent, c) === 'write', {
      authorKind: 'agent',
      authorId: agent.agentId,
      authorName: agent.name,
    });
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
   * Typing is ephemeral: told to the other side, never stored. The draft
   * (typing preview) goes only to the agents in the conversation, and only
   * when the site allows previews.
   */
  async visitorTyping(visitor: VisitorActor, typing: boolean, draft: string | null): Promise<Result<null>> {
    const conversation = await this.repo.openForVisitor(visitor.siteId, visitor.visitorId);
    if (conversation) this.broadcast.visitorTyping(conversation, typing, typing ? draft : null);
    return ok(null);
  }

  /**
   * A proactive chat: the agent writes first to a visitor on the site. The
   * conversation opens assigned to that agent, whatever their load, since
   * they chose to start it. A resend with the same client id is stored once.
   */
  async startByAgent(
    agent: AgentActor,
    input: { visitorId: string; clientId: string; body: string },
    visitor: { siteId: string; label: string; online: boolean } | null,
  ): Promise<Result<Appended>> {
    const outcome = await this.committer.run((tx) => runStep(tx, this.agentStartStep(tx, agent, input, visitor)));
    if (!outcome.ok) return outcome;
    const { events, conversation, isNew } = outcome.data;
    if (isNew) {
      this.broadcast.conversationCreated(conversation);
      this.broadcast.eventsAppended(conversation, events);
    }
    return ok({ event: events.at(-1)!, conversation });
  }

  private *agentStartStep(
    tx: Tx,
    agent: AgentActor,
    input: { visitorId: string; clientId: string; body: string },
    visitor: { siteId: string; label: string; online: boolean } | null,
  ): StepBody<Result<{ events: EventRow[]; conversation: ConversationRow; isNew: boolean }>> {
    const stored = yield* this.storedResend(tx, agent.siteId, agent.agentId, input.clientId);
    if (stored) return ok({ events: [stored.event], conversation: stored.conversation, isNew: false });
    if (!visitor || visitor.siteId !== agent.siteId) return fail('not_found', 'No such visitor');
    if (!visitor.online) return fail('visitor_offline', 'The visitor has left the site');
    if (yield* step(this.repo.openForVisitorInTx(tx, agent.siteId, input.visitorId))) {
      return fail('already_chatting', 'The visitor is already in a conversation');
    }
    const now = Date.now();
    const actor = { kind: 'visitor' as const, visitorId: input.visitorId, siteId: agent.siteId, label: visitor.label, connectionId: '' };
    yield* step(this.repo.insertInTx(tx, { ...this.newConversation(actor, undefined, now), origin: 'agent', queuedAt: null }));
    const opened = (yield* step(this.repo.openForVisitorInTx(tx, agent.siteId, input.visitorId)))!;
    const joined = yield* this.routing.startWithInTx(tx, opened, agent);
    if (!joined) return fail('not_found', 'No such agent');
    const message = yield* step(
      this.repo.appendAgentMessageInTx(tx, agent.siteId, opened.id, {
        authorKind: 'agent',
        authorId: agent.agentId,
        authorName: agent.name,
        clientId: input.clientId,
        body: input.body,
        createdAt: now,
      }),
    );
    return ok({ events: [joined.event, message.event], conversation: message.conversation, isNew: true });
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

  async agentTyping(agent: AgentActor, conversationId: string, typing: boolean): Promise<Result<null>> {
    const conversation = await this.repo.byId(agent.siteId, conversationId);
    if (!conversation || this.access.of(agent, conversation) !== 'write') return notFound();
    this.broadcast.agentTyping(conversation, { id: agent.agentId, name: agent.name }, typing);
    return ok(null);
  }

  /** Inside a step: a held conversation is open again (the customer wrote, or its snooze ran out). */
  *wakeInTx(tx: Tx, conversation: ConversationRow, reason: 'customer' | 'timer', at: number): StepBody<Appended> {
    return yield* step(
      this.repo.appendInTx(tx, conversation.siteId, conversation.id, stateEvent('open', null, reason, null, at), {
        hold: null,
        snoozedUntil: null,
      }),
    );
  }

  private *storedResend(tx: Tx, siteId: string, authorId: string, clientId: string): StepBody<Appended | undefined> {
    const event = yield* step(this.repo.eventByAuthorClientIdInTx(tx, siteId, authorId, clientId));
    if (!event) return undefined;
    const conversation = yield* step(this.repo.byIdInTx(tx, siteId, event.conversationId));
    return conversation ? { event, conversation } : undefined;
  }

  /**
   * Opens the visitor's conversation inside its first message's step. When
   * that message answers a trigger's invitation, the conversation starts
   * with that invitation, in the rule's department and with its tags.
   */
  private *openConversation(
    tx: Tx,
    visitor: VisitorActor,
    input: { department?: string | undefined; trigger?: string | undefined },
    now: number,
  ): StepBody<void> {
    const base = this.newConversation(visitor, input.department, now);
    const row = this.canAnswer(visitor.siteId, base.departmentId, now) ? base : { ...base, ticketSince: now };
    const invitation =
      input.trigger && this.invitations
        ? yield* step(this.invitations.invitationInTx(tx, visitor.siteId, visitor.visitorId, input.trigger))
        : null;
    if (!invitation || !input.trigger) {
      yield* step(this.repo.insertInTx(tx, row));
      return;
    }
    yield* step(
      this.repo.insertInTx(tx, {
        ...row,
        origin: 'trigger',
        departmentId: invitation.departmentId ?? row.departmentId,
        tags: invitation.tags,
      }),
    );
    const { id: authorId, name: authorName } = invitation.author;
    yield* step(
      this.repo.appendInTx(tx, visitor.siteId, row.id, {
        type: 'message',
        visible: true,
        authorKind: 'agent',
        authorId,
        authorName,
        clientId: input.trigger,
        body: invitation.message,
        status: null,
        data: null,
        createdAt: now,
      }),
    );
    yield* step(this.invitations!.repliedInTx(tx, visitor.siteId, visitor.visitorId, input.trigger, row.id, now));
  }

  private newConversation(visitor: VisitorActor, departmentSlug: string | undefined, now: number): ConversationRow {
    return {
      id: newId('cnv'),
      siteId: visitor.siteId,
      visitorId: visitor.visitorId,
      visitorLabel: visitor.label,
      status: 'open',
      origin: 'visitor',
      tags: [],
      departmentId: departmentSlug ? this.team.departmentBySlug(visitor.siteId, departmentSlug) : null,
      assigneeId: null,
      queuedAt: now,
      queuePriority: 0,
      awaitingReplySince: null,
      firstResponseAt: null,
      lastSeq: 0,
      lastVisitorSeq: 0,
      lastMessageBody: null,
      lastMessageAuthor: null,
      lastMessageAt: null,
      ticketSince: null,
      hold: null,
      snoozedUntil: null,
      missedAt: null,
      visitorLeftAt: null,
      visitorReadSeq: 0,
      agentReadSeq: 0,
      guestIds: [],
      createdAt: now,
      updatedAt: now,
      closedAt: null,
    };
  }

  private async close(
    siteId: string,
    conversationId: string,
    mayWrite: (conversation: ConversationRow) => boolean,
    author: Pick<EventRow, 'authorKind' | 'authorId' | 'authorName'>,
  ): Promise<Result<Appended>> {
    const outcome = await this.committer.run((tx) =>
      runStep(
        tx,
        (function* (repo: ConversationsStore): StepBody<Result<Appended & { leftQueue: boolean }>> {
          const conversation = yield* step(repo.byIdInTx(tx, siteId, conversationId));
          if (!conversation || !mayWrite(conversation)) return notFound();
          if (conversation.status === 'closed') return fail('conflict', 'The conversation is already closed');
          const now = Date.now();
          const closed = yield* step(
            repo.appendInTx(
              tx,
              siteId,
              conversation.id,
              { type: 'status', visible: true, ...author, clientId: null, body: null, status: 'closed', data: null, createdAt: now },
              { status: 'closed', closedAt: now, queuedAt: null, hold: null, snoozedUntil: null },
            ),
          );
          // Open and nobody's: it waited in the queue, and those who saw it there must see it go.
          return ok({ ...closed, leftQueue: conversation.assigneeId === null });
        })(this.repo),
      ),
    );
    if (!outcome.ok) return outcome;
    const { event, conversation, leftQueue } = outcome.data;
    this.broadcast.eventsAppended(conversation, [event], { leftQueue });
    this.routing.chatEnded(conversation);
    return ok({ event, conversation });
  }
}

function page(conversation: ConversationRow, rows: EventRow[]): Page {
  return { conversation, events: rows.slice(0, SYNC_PAGE_SIZE), hasMore: rows.length > SYNC_PAGE_SIZE };
}
