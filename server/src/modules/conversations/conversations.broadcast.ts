import type { AgentNamespace, VisitorNamespace } from '../../plugins/realtime.ts';
import { toEvent, toSummary, toVisitorConversation } from './conversations.mapping.ts';
import type { ConversationRow, EventRow } from './conversations.repository.ts';

/** What the conversation rules tell the outside world after a commit. */
export interface ConversationBroadcaster {
  conversationCreated(conversation: ConversationRow): void;
  eventAppended(conversation: ConversationRow, event: EventRow): void;
  visitorTyping(conversation: ConversationRow, typing: boolean): void;
  agentTyping(conversation: ConversationRow, agentName: string, typing: boolean): void;
}

export const visitorRoom = (visitorId: string) => `visitor:${visitorId}`;
export const siteAgentsRoom = (siteId: string) => `site:${siteId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** Rooms: every tab of a visitor shares one room; every agent of a site shares another. */
export class SocketBroadcaster implements ConversationBroadcaster {
  constructor(
    private readonly visitors: VisitorNamespace,
    private readonly agents: AgentNamespace,
  ) {}

  conversationCreated(conversation: ConversationRow): void {
    this.agents.to(siteAgentsRoom(conversation.siteId)).emit('conversation:created', {
      conversation: toSummary(conversation),
    });
  }

  eventAppended(conversation: ConversationRow, row: EventRow): void {
    const event = toEvent(row);
    const fact = event.type === 'message' ? 'message:created' : 'conversation:changed';
    this.visitors.to(visitorRoom(conversation.visitorId)).emit(fact, {
      event,
      conversation: toVisitorConversation(conversation),
    });
    this.agents.to(siteAgentsRoom(conversation.siteId)).emit(fact, {
      event,
      conversation: toSummary(conversation),
    });
  }

  visitorTyping(conversation: ConversationRow, typing: boolean): void {
    this.agents
      .to(siteAgentsRoom(conversation.siteId))
      .emit('typing:changed', { conversationId: conversation.id, typing });
  }

  agentTyping(conversation: ConversationRow, agentName: string, typing: boolean): void {
    this.visitors
      .to(visitorRoom(conversation.visitorId))
      .emit('typing:changed', { conversationId: conversation.id, typing, name: agentName });
  }
}
