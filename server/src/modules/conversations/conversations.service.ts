import { type AttachmentInfo, fail, ok, type ProductCard, type Result } from '@mostrador/shared';
import { type Committer, runStep, type StepBody, step, type Tx } from '../../db/committer.ts';
import type { AgentActor, VisitorActor } from './actors.ts';
import { visitorMayAccess, type AccessResolver } from './conversations.access.ts';
import type { SocketBroadcaster } from './conversations.broadcast.ts';
import type { InvitationSource, MessageFiles, ProductTrail } from './conversations.ports.ts';
import { ConversationReads } from './conversations.reads.ts';
import type { ConversationsStore } from './conversations.store.ts';
import type { Appended, ConversationRow, EventRow } from './conversations.types.ts';
import type { RoutingService } from './routing.service.ts';
import { runRacingStep } from './lost-race.ts';
import { newConversation } from './new-conversation.ts';
import { stateEvent } from './system-events.ts';
import type { TeamDirectory } from './team-directory.ts';

export type { Appended, Page } from './conversations.types.ts';
export type { InvitationSource, MessageFiles, ProductTrail } from './conversations.ports.ts';

type SendInput = { clientId: string; body: string; attachments?: string[] | undefined };
/** A visitor's message: its line, the trigger it answers, and `email` when it came as an emailed answer (a new conversation it opens starts "by email"). */
type VisitorSendInput = SendInput & { department?: string | undefined; trigger?: string | undefined; via?: 'email' | undefined };

function notFound(): Result<never> {
  return fail('not_found', 'No such conversation');
}

/** The rules of a conversation's life: who may write, when it opens and closes, what is told to whom. */
export class ConversationsService extends ConversationReads {
  constructor(
    repo: ConversationsStore,
    private readonly committer: Committer,
    private readonly broadcast: SocketBroadcaster,
    private readonly routing: RoutingService,
    access: AccessResolver,
    private readonly team: TeamDirectory,
    private readonly invitations: InvitationSource | null = null,
    /** Whether anyone can answer a line now (its hours are open and someone is online); if not, new conversations are tickets. */
    private readonly canAnswer: (siteId: string, departmentId: string | null, at: number) => boolean = () => true,
    private readonly files: MessageFiles | null = null,
    private readonly products: ProductTrail | null = null,
  ) {
    super(repo, access);
  }

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

  /**
   * A visitor's message goes to its open conversation, opening one (and
   * routing it) if needed. A resend with the same client id returns the
   * stored message unchanged. A visitor's messages are stored and told in
   * the order they came, on either engine.
   */
  sendFromVisitor(visitor: VisitorActor, input: VisitorSendInput): Promise<Result<Appended>> {
    return this.committer.inOrder(visitor.visitorId, () => this.#sendFromVisitor(visitor, input));
  }

  async #sendFromVisitor(visitor: VisitorActor, input: VisitorSendInput): Promise<Result<Appended>> {
    const sent = await runRacingStep(this.committer, (tx) => this.visitorSendStep(tx, visitor, input));
    if (!sent.ok) return sent;
    const outcome = sent.data;
    const conversation =
      outcome.later.length > 0 ? (await this.repo.byId(visitor.siteId, outcome.message.conversation.id))! : outcome.message.conversation;
    // The ack and the visitor's other tabs tell a queued conversation's place: its line is read first (on PostgreSQL).
    const placeRead = this.routing.placeRead(conversation);
    if (placeRead) await placeRead;
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
    input: VisitorSendInput,
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
    const outcome = await runRacingStep(this.committer, (tx) => this.agentSendStep(tx, agent, input, card));
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
    const outcome = await runRacingStep(this.committer, (tx) => this.agentStartStep(tx, agent, input, visitor));
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
    yield* step(this.repo.insertInTx(tx, { ...newConversation(actor, null, now), origin: 'agent', queuedAt: null }));
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
    input: { department?: string | undefined; trigger?: string | undefined; via?: 'email' | undefined },
    now: number,
  ): StepBody<void> {
    const departmentId = input.department ? this.team.departmentBySlug(visitor.siteId, input.department) : null;
    const opened = newConversation(visitor, departmentId, now);
    const base = input.via === 'email' ? { ...opened, origin: 'email' as const } : opened;
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
