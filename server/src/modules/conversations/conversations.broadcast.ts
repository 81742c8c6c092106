import type { AgentSummary, OnlineAgents, QueueInfo, RatingInfo, WidgetBranding, WidgetHours } from '@mostrador/shared';
import type { AgentNamespace, VisitorNamespace } from '../../plugins/realtime.ts';
import { toEvent, toVisitorEvent } from './conversations.mapping.ts';
import type { ConversationRow, EventRow } from './conversations.types.ts';
import type { ConversationViews } from './conversations.views.ts';
import { adminsRoom, agentRoom, departmentRoom, siteAgentsRoom, siteVisitorsRoom, visitorRoom } from './rooms.ts';

/**
 * Tells each audience what it may know after a commit. Agents hear of a
 * conversation when they are in it, when it waits in their department's
 * queue, or when they are admins; `formerAgents` lets those who just left
 * it (a transfer, a requeue) see it go, and `leftQueue` those who saw it wait
 * (a take, an assignment, a close while queued).
 */
export class SocketBroadcaster {
  constructor(
    private readonly visitors: VisitorNamespace,
    private readonly agents: AgentNamespace,
    private readonly views: ConversationViews,
    /** A visitor's conversation opened or closed: the live visitor list and side panel show it. */
    private readonly visitorConversationChanged: (siteId: string, visitorId: string, openConversationId: string | null) => void = () => {},
    /** Something the site's live figures count may have changed (a conversation, an agent's status): only noted, never read here. */
    private readonly siteChanged: (siteId: string) => void = () => {},
  ) {}

  conversationCreated(conversation: ConversationRow): void {
    this.visitorConversationChanged(conversation.siteId, conversation.visitorId, openIdOf(conversation));
    this.siteChanged(conversation.siteId);
    this.agents.to(this.agentRooms(conversation)).emit('conversation:created', { conversation: this.views.summary(conversation) });
  }

  /**
   * @param options.formerAgents agents who just left the conversation and must see it go.
   * @param options.ackedTo the socket whose command produced the first event:
   *   its ack already carries that event, so the broadcast of it skips that socket.
   * @param options.leftQueue the conversation waited in the queue until this
   *   commit (taken, assigned, closed): those who saw it there see it go.
   */
  eventsAppended(
    conversation: ConversationRow,
    events: EventRow[],
    {
      formerAgents = [],
      ackedTo,
      leftQueue = false,
    }: { formerAgents?: string[]; ackedTo?: string | undefined; leftQueue?: boolean | undefined } = {},
  ): void {
    if (events.length === 0) return;
    this.siteChanged(conversation.siteId);
    const summary = this.views.summary(conversation);
    const rooms = this.agentRooms(conversation, formerAgents, leftQueue);
    const visitorView = events.some((e) => e.visitorSeq !== null) ? this.views.visitorConversation(conversation) : null;
    events.forEach((row, index) => {
      const skip = index === 0 ? ackedTo : undefined;
      const fact = row.type === 'message' ? 'message:created' : 'conversation:changed';
      const toAgents = this.agents.to(rooms);
      (skip ? toAgents.except(skip) : toAgents).emit(fact, { event: toEvent(row), conversation: summary });
      const visitorEvent = toVisitorEvent(row);
      if (visitorEvent && visitorView) {
        const toVisitor = this.visitors.to(visitorRoom(conversation.visitorId));
        (skip ? toVisitor.except(skip) : toVisitor).emit(fact, { event: visitorEvent, conversation: visitorView });
      }
    });
    if (events.some((e) => e.type === 'status')) {
      this.visitorConversationChanged(conversation.siteId, conversation.visitorId, openIdOf(conversation));
    }
  }

  /**
   * Everyone who may see the conversation hears "typing"; only the agents in
   * it (assignee and guests) see the draft itself.
   */
  visitorTyping(conversation: ConversationRow, typing: boolean, draft: string | null): void {
    const fact = { conversationId: conversation.id, typing, agent: null };
    const inChat = draft === null ? [] : this.participantRooms(conversation);
    if (inChat.length > 0) this.agents.to(inChat).emit('typing:changed', { ...fact, draft });
    const others = this.agents.to(this.agentRooms(conversation));
    (inChat.length > 0 ? others.except(inChat) : others).emit('typing:changed', { ...fact, draft: null });
  }

  /** The visitor sees the agent typing; colleagues in the chat see it too, to avoid answering twice. */
  agentTyping(conversation: ConversationRow, agent: { id: string; name: string }, typing: boolean): void {
    this.visitors
      .to(visitorRoom(conversation.visitorId))
      .emit('typing:changed', { conversationId: conversation.id, typing, name: agent.name });
    this.agents.to(this.agentRooms(conversation)).emit('typing:changed', { conversationId: conversation.id, typing, agent, draft: null });
  }

  queueUpdated(conversation: ConversationRow, queue: QueueInfo | null): void {
    this.visitors.to(visitorRoom(conversation.visitorId)).emit('queue:updated', { conversationId: conversation.id, queue });
  }

  /** A change with no event in the log (the visitor left or came back): agents get the summary. */
  summaryChanged(conversation: ConversationRow): void {
    this.agents.to(this.agentRooms(conversation)).emit('conversation:updated', { conversation: this.views.summary(conversation) });
  }

  /** Open widgets of the site learn edited business hours at once. */
  hoursChanged(siteId: string, hours: WidgetHours): void {
    this.visitors.to(siteVisitorsRoom(siteId)).emit('hours:changed', { hours });
  }

  /** Open widgets of the site apply a saved look at once (colours, side, words, sound), without a reload. */
  brandingChanged(siteId: string, branding: WidgetBranding): void {
    this.visitors.to(siteVisitorsRoom(siteId)).emit('branding:changed', { branding });
  }

  /** Read receipt: the agents who may see the conversation learn how far the visitor has seen it. */
  visitorRead(conversation: ConversationRow): void {
    this.agents
      .to(this.agentRooms(conversation))
      .emit('read:marked', { conversationId: conversation.id, visitorReadSeq: conversation.visitorReadSeq });
  }

  /** Read receipt: the visitor (every tab) learns how far an agent in the chat has read. */
  agentRead(conversation: ConversationRow): void {
    this.visitors
      .to(visitorRoom(conversation.visitorId))
      .emit('read:marked', { conversationId: conversation.id, agentReadSeq: conversation.agentReadSeq });
  }

  /** Tags are the team's own: only agents hear of them. */
  retagged(conversation: ConversationRow): void {
    // "Live now" may follow a tag.
    this.siteChanged(conversation.siteId);
    this.agents.to(this.agentRooms(conversation)).emit('conversation:retagged', { conversation: this.views.summary(conversation) });
  }

  /** Each mentioned colleague hears of the note, in the conversation or not; never the visitor. */
  mentioned(conversation: ConversationRow, note: EventRow, by: { id: string; name: string }, agentIds: readonly string[]): void {
    if (agentIds.length === 0) return;
    const event = toEvent(note);
    if (event.type !== 'note') return;
    this.agents
      .to(agentIds.map(agentRoom))
      .emit('mention:created', { conversationId: conversation.id, visitorLabel: conversation.visitorLabel, note: event, by });
  }

  /**
   * The shopper rated the conversation: everyone who sees it hears, its
   * summary carrying the rating; a low one is also told to the site's
   * admins as an alert.
   */
  conversationRated(conversation: ConversationRow, rating: RatingInfo, low: boolean): void {
    this.agents.to(this.agentRooms(conversation)).emit('conversation:rated', { conversation: this.views.summary(conversation), rating });
    if (low) {
      this.agents
        .to(adminsRoom(conversation.siteId))
        .emit('rating:low', { conversationId: conversation.id, visitorLabel: conversation.visitorLabel, rating });
    }
  }

  /** An erased visitor's conversations: every console of the site drops them; nothing about the person is sent. */
  conversationsErased(siteId: string, conversationIds: string[]): void {
    this.siteChanged(siteId);
    this.agents.to([siteAgentsRoom(siteId), adminsRoom(siteId)]).emit('conversations:erased', { conversationIds });
  }

  presenceChanged(siteId: string, agent: AgentSummary): void {
    this.siteChanged(siteId);
    this.agents.to(siteAgentsRoom(siteId)).emit('presence:changed', { agent });
  }

  onlineAgentsChanged(siteId: string, onlineAgents: OnlineAgents): void {
    this.visitors.to(siteVisitorsRoom(siteId)).emit('agents:changed', { onlineAgents });
  }

  private participantRooms(conversation: ConversationRow): string[] {
    if (conversation.status !== 'open') return [];
    const rooms = conversation.guestIds.map(agentRoom);
    if (conversation.assigneeId) rooms.push(agentRoom(conversation.assigneeId));
    return rooms;
  }

  private agentRooms(conversation: ConversationRow, formerAgents: string[] = [], leftQueue = false): string[] {
    const rooms = [adminsRoom(conversation.siteId)];
    if (conversation.assigneeId) rooms.push(agentRoom(conversation.assigneeId));
    for (const guest of conversation.guestIds) rooms.push(agentRoom(guest));
    for (const former of formerAgents) rooms.push(agentRoom(former));
    if (leftQueue || (conversation.status === 'open' && conversation.assigneeId === null)) {
      rooms.push(conversation.departmentId ? departmentRoom(conversation.departmentId) : siteAgentsRoom(conversation.siteId));
    }
    return rooms;
  }
}

/** The visitor's open conversation after this change: this one while open, none once it ended (a visitor has one open at most). */
function openIdOf(conversation: ConversationRow): string | null {
  return conversation.status === 'open' ? conversation.id : null;
}
