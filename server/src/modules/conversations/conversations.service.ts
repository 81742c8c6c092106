import {
  fail,
  ok,
  SYNC_PAGE_SIZE,
  type ConversationStatus,
  type Result,
} from '@mostrador/shared';
import { newId } from '../../db/ids.ts';
import type { GroupCommit } from '../../db/group-commit.ts';
import type { AgentActor, VisitorActor } from './actors.ts';
import { agentMayAccess, visitorMayAccess } from './conversations.access.ts';
import type { ConversationBroadcaster } from './conversations.broadcast.ts';
import type { ConversationRow, ConversationsRepository, EventRow } from './conversations.repository.ts';

export interface Appended {
  event: EventRow;
  conversation: ConversationRow;
}

export interface Page {
  conversation: ConversationRow;
  events: EventRow[];
  hasMore: boolean;
}

const INBOX_LIMIT = 1000;

/** The rules of a conversation: who may write, when it opens and closes, and what is told to whom. */
export class ConversationsService {
  constructor(
    private readonly repo: ConversationsRepository,
    private readonly groupCommit: GroupCommit,
    private readonly broadcast: ConversationBroadcaster,
  ) {}

  openForVisitor(visitorId: string): ConversationRow | undefined {
    return this.repo.openForVisitor(visitorId);
  }

  /**
   * A visitor's message goes to its open conversation, opening one if needed.
   * A resend with the same client id returns the stored message unchanged.
   */
  async sendFromVisitor(
    visitor: VisitorActor,
    input: { clientId: string; body: string },
  ): Promise<Result<Appended>> {
    const outcome = await this.groupCommit.run(() => {
      const stored = this.storedResend(visitor.visitorId, input.clientId);
      if (stored) return { ...stored, isNew: false, opened: false };
      let conversation = this.repo.openForVisitor(visitor.visitorId);
      const opened = !conversation;
      if (!conversation) {
        conversation = newConversation(visitor);
        this.repo.insert(conversation);
      }
      const appended = this.repo.append(conversation.id, {
        type: 'message',
        authorKind: 'visitor',
        authorId: visitor.visitorId,
        authorName: visitor.label,
        clientId: input.clientId,
        body: input.body,
        status: null,
        createdAt: Date.now(),
      });
      return { ...appended, isNew: true, opened };
    });
    if (outcome.opened) this.broadcast.conversationCreated(outcome.conversation);
    if (outcome.isNew) this.broadcast.eventAppended(outcome.conversation, outcome.event);
    return ok({ event: outcome.event, conversation: outcome.conversation });
  }

  async sendFromAgent(
    agent: AgentActor,
    input: { conversationId: string; clientId: string; body: string },
  ): Promise<Result<Appended>> {
    const outcome = await this.groupCommit.run((): Result<Appended & { isNew: boolean }> => {
      const stored = this.storedResend(agent.agentId, input.clientId);
      if (stored) return ok({ ...stored, isNew: false });
      const conversation = this.repo.byId(input.conversationId);
      if (!conversation || !agentMayAccess(agent, conversation)) return notFound();
      if (conversation.status !== 'open') return fail('conflict', 'The conversation is closed');
      const appended = this.repo.append(conversation.id, {
        type: 'message',
        authorKind: 'agent',
        authorId: agent.agentId,
        authorName: agent.name,
        clientId: input.clientId,
        body: input.body,
        status: null,
        createdAt: Date.now(),
      });
      return ok({ ...appended, isNew: true });
    });
    if (!outcome.ok) return outcome;
    if (outcome.data.isNew) this.broadcast.eventAppended(outcome.data.conversation, outcome.data.event);
    return ok({ event: outcome.data.event, conversation: outcome.data.conversation });
  }

  closeByVisitor(visitor: VisitorActor, conversationId: string): Promise<Result<Appended>> {
    return this.setStatus(conversationId, 'closed', (c) => visitorMayAccess(visitor, c), {
      authorKind: 'visitor',
      authorId: visitor.visitorId,
      authorName: visitor.label,
    });
  }

  closeByAgent(agent: AgentActor, conversationId: string): Promise<Result<Appended>> {
    return this.setStatus(conversationId, 'closed', (c) => agentMayAccess(agent, c), {
      authorKind: 'agent',
      authorId: agent.agentId,
      authorName: agent.name,
    });
  }

  visitorPage(visitor: VisitorActor, conversationId: string, afterSeq: number): Result<Page> {
    const conversation = this.repo.byId(conversationId);
    if (!conversation || !visitorMayAccess(visitor, conversation)) return notFound();
    return ok(this.page(conversation, afterSeq));
  }

  agentPage(agent: AgentActor, conversationId: string, afterSeq: number): Result<Page> {
    const conversation = this.repo.byId(conversationId);
    if (!conversation || !agentMayAccess(agent, conversation)) return notFound();
    return ok(this.page(conversation, afterSeq));
  }

  list(agent: AgentActor, status: ConversationStatus): ConversationRow[] {
    return this.repo.listBySite(agent.siteId, status, INBOX_LIMIT);
  }

  /** Typing is ephemeral: told to the other side, never stored. */
  visitorTyping(visitor: VisitorActor, typing: boolean): Result<null> {
    const conversation = this.repo.openForVisitor(visitor.visitorId);
    if (conversation) this.broadcast.visitorTyping(conversation, typing);
    return ok(null);
  }

  agentTyping(agent: AgentActor, conversationId: string, typing: boolean): Result<null> {
    const conversation = this.repo.byId(conversationId);
    if (!conversation || !agentMayAccess(agent, conversation)) return notFound();
    this.broadcast.agentTyping(conversation, agent.name, typing);
    return ok(null);
  }

  private storedResend(authorId: string, clientId: string): Appended | undefined {
    const event = this.repo.eventByAuthorClientId(authorId, clientId);
    if (!event) return undefined;
    const conversation = this.repo.byId(event.conversationId);
    return conversation ? { event, conversation } : undefined;
  }

  private page(conversation: ConversationRow, afterSeq: number): Page {
    const rows = this.repo.eventsAfter(conversation.id, afterSeq, SYNC_PAGE_SIZE + 1);
    return { conversation, events: rows.slice(0, SYNC_PAGE_SIZE), hasMore: rows.length > SYNC_PAGE_SIZE };
  }

  private async setStatus(
    conversationId: string,
    status: ConversationStatus,
    mayAccess: (conversation: ConversationRow) => boolean,
    author: Pick<EventRow, 'authorKind' | 'authorId' | 'authorName'>,
  ): Promise<Result<Appended>> {
    const outcome = await this.groupCommit.run((): Result<Appended> => {
      const conversation = this.repo.byId(conversationId);
      if (!conversation || !mayAccess(conversation)) return notFound();
      if (conversation.status === status) return fail('conflict', `The conversation is already ${status}`);
      return ok(
        this.repo.append(conversation.id, {
          type: 'status',
          ...author,
          clientId: null,
          body: null,
          status,
          createdAt: Date.now(),
        }),
      );
    });
    if (outcome.ok) this.broadcast.eventAppended(outcome.data.conversation, outcome.data.event);
    return outcome;
  }
}

function notFound(): Result<never> {
  return fail('not_found', 'No such conversation');
}

function newConversation(visitor: VisitorActor): ConversationRow {
  const now = Date.now();
  return {
    id: newId('cnv'),
    siteId: visitor.siteId,
    visitorId: visitor.visitorId,
    visitorLabel: visitor.label,
    status: 'open',
    lastSeq: 0,
    lastMessageBody: null,
    lastMessageAuthor: null,
    lastMessageAt: null,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
  };
}
