import type {
  ConversationEvent,
  ConversationSummary,
  MessageEvent,
  VisitorConversation,
} from '@mostrador/shared';
import type { ConversationRow, EventRow } from './conversations.repository.ts';
import type { Appended, Page } from './conversations.service.ts';

/** Turns stored rows into the contract's shapes; internal columns stop here. */
export function toEvent(row: EventRow): ConversationEvent {
  const base = {
    conversationId: row.conversationId,
    seq: row.seq,
    author: { kind: row.authorKind, id: row.authorId, name: row.authorName },
    createdAt: row.createdAt,
  };
  if (row.type === 'status') return { ...base, type: 'status', status: row.status ?? 'open' };
  return { ...base, type: 'message', clientId: row.clientId ?? '', body: row.body ?? '' };
}

export function toMessageEvent(row: EventRow): MessageEvent {
  const event = toEvent(row);
  if (event.type !== 'message') throw new Error('not a message event');
  return event;
}

export function toSummary(row: ConversationRow): ConversationSummary {
  return {
    id: row.id,
    visitorId: row.visitorId,
    visitorLabel: row.visitorLabel,
    status: row.status,
    lastSeq: row.lastSeq,
    lastMessage:
      row.lastMessageAt !== null && row.lastMessageAuthor !== null
        ? { body: row.lastMessageBody ?? '', authorKind: row.lastMessageAuthor, createdAt: row.lastMessageAt }
        : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toVisitorConversation(row: ConversationRow): VisitorConversation {
  return { id: row.id, status: row.status, lastSeq: row.lastSeq, createdAt: row.createdAt };
}

/** The shapes of pages and appended events, for one audience's view of a conversation. */
function viewsFor<Conversation>(toConversation: (row: ConversationRow) => Conversation) {
  return {
    page: (page: Page) => ({
      conversation: toConversation(page.conversation),
      events: page.events.map(toEvent),
      hasMore: page.hasMore,
    }),
    sent: (appended: Appended) => ({
      event: toMessageEvent(appended.event),
      conversation: toConversation(appended.conversation),
    }),
    changed: (appended: Appended) => ({
      event: toEvent(appended.event),
      conversation: toConversation(appended.conversation),
    }),
  };
}

export const agentView = viewsFor(toSummary);
export const visitorView = viewsFor(toVisitorConversation);
