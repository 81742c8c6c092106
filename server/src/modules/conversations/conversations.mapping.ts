import type { ConversationEvent, MessageEvent, VisitorEvent } from '@mostrador/shared';
import type { EventRow } from './conversations.repository.ts';

const UNKNOWN_AGENT = { id: 'agt_unknown', name: '' };

/** Mapped once per stored event: each message is sent to several audiences. */
const agentViews = new WeakMap<EventRow, ConversationEvent>();

/** Turns a stored event into the contract's shape for agents; internal columns stop here. */
export function toEvent(row: EventRow): ConversationEvent {
  let event = agentViews.get(row);
  if (!event) agentViews.set(row, (event = mapEvent(row)));
  return event;
}

function mapEvent(row: EventRow): ConversationEvent {
  const base = {
    conversationId: row.conversationId,
    seq: row.seq,
    author: { kind: row.authorKind, id: row.authorId, name: row.authorName },
    createdAt: row.createdAt,
  };
  const data = row.data ?? {};
  switch (row.type) {
    case 'message':
      return { ...base, type: 'message', clientId: row.clientId ?? '', body: row.body ?? '' };
    case 'note':
      return { ...base, type: 'note', body: row.body ?? '' };
    case 'status':
      return { ...base, type: 'status', status: row.status ?? 'open' };
    case 'joined':
      return { ...base, type: 'joined', agent: data.agent ?? UNKNOWN_AGENT, role: data.role ?? 'assignee' };
    case 'left':
      return {
        ...base,
        type: 'left',
        agent: data.agent ?? UNKNOWN_AGENT,
        reason: data.reason === 'offline' || data.reason === 'left' ? data.reason : 'transferred',
      };
    case 'queued':
      return {
        ...base,
        type: 'queued',
        department: data.department ?? null,
        reason: data.reason === 'transferred' || data.reason === 'requeued' ? data.reason : 'new',
      };
  }
}

/** The visitor's view of an event: numbered in the visitor's own sequence; notes never pass. */
export function toVisitorEvent(row: EventRow): VisitorEvent | null {
  if (row.visitorSeq === null) return null;
  const event = toEvent(row);
  if (event.type === 'note') return null;
  return { ...event, seq: row.visitorSeq };
}

export function toMessageEvent(event: ConversationEvent | VisitorEvent | null): MessageEvent {
  if (event?.type !== 'message') throw new Error('not a message event');
  return event;
}
