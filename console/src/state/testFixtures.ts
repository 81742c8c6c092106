import type { ConversationEvent, ConversationSummary } from '@mostrador/shared';

/** Builders for the contract's shapes, shared by the console's tests. */
export function summary(overrides: Partial<ConversationSummary> & { id: string }): ConversationSummary {
  return {
    visitorId: 'vis_one',
    visitorLabel: 'Visitor 1',
    status: 'open',
    lastSeq: 0,
    lastMessage: null,
    createdAt: 1_000,
    updatedAt: 1_000,
    ...overrides,
  };
}

export function visitorMessage(conversationId: string, seq: number, body = `visitor ${seq}`): ConversationEvent {
  return {
    type: 'message',
    conversationId,
    seq,
    author: { kind: 'visitor', id: 'vis_one', name: 'Visitor 1' },
    createdAt: 1_000 + seq,
    clientId: `visitor-client-${seq}`,
    body,
  };
}

export function agentMessage(
  conversationId: string,
  seq: number,
  body = `agent ${seq}`,
  clientId = `agent-client-${seq}`,
): ConversationEvent {
  return {
    type: 'message',
    conversationId,
    seq,
    author: { kind: 'agent', id: 'agt_one', name: 'Núria' },
    createdAt: 1_000 + seq,
    clientId,
    body,
  };
}

export function statusEvent(conversationId: string, seq: number, status: 'open' | 'closed'): ConversationEvent {
  return {
    type: 'status',
    conversationId,
    seq,
    author: { kind: 'system', id: null, name: null },
    createdAt: 1_000 + seq,
    status,
  };
}
