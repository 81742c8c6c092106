import type { AgentProfile, AgentSummary, ConversationEvent, ConversationSummary } from '@mostrador/shared';

/** The signed-in agent of the tests: Núria, in the sales department. */
export const me: AgentProfile = {
  id: 'agt_one',
  name: 'Núria',
  email: 'nuria@shop.test',
  role: 'agent',
  capacity: 3,
  departmentIds: ['dep_sales'],
  site: { id: 'sit_one', name: 'Shop', key: 'key' },
};

export const sales = { id: 'dep_sales', name: 'Sales' };
export const support = { id: 'dep_support', name: 'Support' };
export const nuria = { id: 'agt_one', name: 'Núria' };
export const jordi = { id: 'agt_two', name: 'Jordi' };

export function colleague(overrides: Partial<AgentSummary> & { id: string; name: string }): AgentSummary {
  return {
    email: `${overrides.id}@shop.test`,
    role: 'agent',
    status: 'online',
    load: 0,
    capacity: 3,
    departmentIds: ['dep_sales'],
    active: true,
    ...overrides,
  };
}

/** Builders for the contract's shapes, shared by the console's tests. */
export function summary(overrides: Partial<ConversationSummary> & { id: string }): ConversationSummary {
  return {
    visitorId: 'vis_one',
    visitorLabel: 'Visitor 1',
    status: 'open',
    origin: 'visitor',
    lastSeq: 0,
    lastMessage: null,
    department: sales,
    assignee: nuria,
    guests: [],
    tags: [],
    queuedAt: null,
    awaitingReplySince: null,
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

/** A conversation waiting in a queue (sales unless said otherwise), with no agent. */
export function queued(overrides: Partial<ConversationSummary> & { id: string }): ConversationSummary {
  return summary({ assignee: null, queuedAt: 500, ...overrides });
}
