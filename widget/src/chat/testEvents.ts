import type { ConversationEvent, MessageEvent, StatusEvent, VisitorConversation } from '@mostrador/shared';

/** Builders for test fixtures; not imported by production code. */
export const CONVERSATION_ID = 'cnv_test1';

export function conversation(overrides: Partial<VisitorConversation> = {}): VisitorConversation {
  return { id: CONVERSATION_ID, status: 'open', lastSeq: 0, createdAt: 1_000, ...overrides };
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

export const seqs = (events: readonly ConversationEvent[]) => events.map((e) => e.seq);
