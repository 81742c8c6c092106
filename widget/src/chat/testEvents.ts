import type { JoinedEvent, LeftEvent, MessageEvent, QueuedEvent, StatusEvent, VisitorConversation, VisitorEvent } from '@mostrador/shared';

/** Builders for test fixtures; not imported by production code. */
export const CONVERSATION_ID = 'cnv_test1';

export function conversation(overrides: Partial<VisitorConversation> = {}): VisitorConversation {
  return { id: CONVERSATION_ID, status: 'open', origin: 'visitor', lastSeq: 0, createdAt: 1_000, agents: [], queue: null, ...overrides };
}

/** The conversation has just been closed (by the visitor, an agent or the system). */
export function closedChange(seq: number): { event: StatusEvent; conversation: VisitorConversation } {
  return {
    event: {
      type: 'status',
      status: 'closed',
      seq,
      conversationId: CONVERSATION_ID,
      author: { kind: 'system', id: null, name: null },
      createdAt: 1_000 + seq,
    },
    conversation: conversation({ lastSeq: seq, status: 'closed' }),
  };
}

export function message(seq: number, overrides: Partial<MessageEvent> = {}): MessageEvent {
  return {
    type: 'message',
    conversationId: CONVERSATION_ID,
    seq,
    author: { kind: 'agent', id: 'agt_1', name: 'Marta' },
    createdAt: 1_000 + seq,
    clientId: `client-${seq}-xxxxxxxx`,
    body: `message ${seq}`,
    ...overrides,
  };
}

export function statusEvent(seq: number, status: StatusEvent['status']): StatusEvent {
  return {
    type: 'status',
    conversationId: CONVERSATION_ID,
    seq,
    author: { kind: 'system', id: null, name: null },
    createdAt: 1_000 + seq,
    status,
  };
}

const systemBase = (seq: number) => ({
  conversationId: CONVERSATION_ID,
  seq,
  author: { kind: 'system' as const, id: null, name: null },
  createdAt: 1_000 + seq,
});

export const agentMarta = { id: 'agt_1', name: 'Marta' };

export function joinedEvent(seq: number, role: JoinedEvent['role'] = 'assignee'): JoinedEvent {
  return { ...systemBase(seq), type: 'joined', agent: agentMarta, role };
}

export function leftEvent(seq: number, reason: LeftEvent['reason']): LeftEvent {
  return { ...systemBase(seq), type: 'left', agent: agentMarta, reason };
}

export function queuedEvent(seq: number, reason: QueuedEvent['reason'], department: string | null = 'Sales'): QueuedEvent {
  return { ...systemBase(seq), type: 'queued', reason, department: department ? { id: 'dep_1', name: department } : null };
}

export const seqs = (events: readonly VisitorEvent[]) => events.map((e) => e.seq);
