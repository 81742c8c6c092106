import type { ConversationEvent, MessageEvent, VisitorEvent } from '@mostrador/shared';
import type { EventRow } from './conversations.types.ts';

const UNKNOWN_AGENT = { id: 'agt_unknown', name: '' };

/**
 * The mapping of the latest event, kept until the next one: a message's
 * broadcast and its ack map the same row one after the other. One slot, not a
 * WeakMap: an entry per message slowed every young-generation GC, and those
 * pauses were the message path's p99.
 */
let latest: { row: EventRow; event: ConversationEvent; visitorEvent?: VisitorEvent | null } | null = null;

/** Turns a stored event into the contract's shape for agents; internal columns stop here. */
export function toEvent(row: EventRow): ConversationEvent {
  if (latest?.row !== row) latest = { row, event: mapEvent(row) };
  return latest.event;
}

function mapEvent(row: EventRow): ConversationEvent {
  // Messages are nearly every event: built as one literal, as the hot path.
  if (row.type === 'message') {
    return {
      conversationId: row.conversationId,
      seq: row.seq,
      author: { kind: row.authorKind, id: row.authorId, name: row.authorName },
      createdAt: row.createdAt,
      type: 'message',
      clientId: row.clientId ?? '',
      body: row.body ?? '',
      ...(row.data?.attachments ? { attachments: row.data.attachments } : {}),
      ...(row.data?.product ? { product: row.data.product } : {}),
    };
  }
  const base = {
    conversationId: row.conversationId,
    seq: row.seq,
    author: { kind: row.authorKind, id: row.authorId, name: row.authorName },
    createdAt: row.createdAt,
  };
  const data = row.data ?? {};
  switch (row.type) {
    case 'note':
      return { ...base, type: 'note', body: row.body ?? '', ...(data.mentions ? { mentions: data.mentions } : {}) };
    case 'status':
      return { ...base, type: 'status', status: row.status === 'closed' ? 'closed' : 'open' };
    case 'joined':
      return { ...base, type: 'joined', agent: data.agent ?? UNKNOWN_AGENT, role: data.role ?? 'assignee' };
    case 'left':
      return {
        ...base,
        type: 'left',
        agent: data.agent ?? UNKNOWN_AGENT,
        reason: data.reason === 'offline' || data.reason === 'left' ? data.reason : 'transferred',
      };
    case 'state':
      return {
        ...base,
        type: 'state',
        state: row.status === 'pending' || row.status === 'snoozed' ? row.status : 'open',
        snoozedUntil: data.snoozedUntil ?? null,
        reason: data.stateReason ?? 'agent',
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
  const event = toEvent(row);
  const slot = latest!;
  if (slot.visitorEvent === undefined) slot.visitorEvent = mapVisitorEvent(row, event);
  return slot.visitorEvent;
}

function mapVisitorEvent(row: EventRow, event: ConversationEvent): VisitorEvent | null {
  if (row.visitorSeq === null) return null;
  if (event.type === 'note' || event.type === 'state') return null;
  if (event.type === 'message') {
    const { conversationId, author, createdAt, clientId, body, attachments, product } = event;
    return {
      conversationId,
      seq: row.visitorSeq,
      author,
      createdAt,
      type: 'message',
      clientId,
      body,
      ...(attachments ? { attachments } : {}),
      ...(product ? { product } : {}),
    };
  }
  return { ...event, seq: row.visitorSeq };
}

export function toMessageEvent(event: ConversationEvent | VisitorEvent | null): MessageEvent {
  if (event?.type !== 'message') throw new Error('not a message event');
  return event;
}
