import type {
  AgentConversationChanged,
  AgentSummary,
  ConversationEvent,
  ConversationSummary,
  LiveVisitor,
  VisitorProfile,
} from '@mostrador/shared';
import { FakeConnection } from '../api/fakeConnection.ts';
import { agentMessage, colleague, jordi, me, nuria, sales, summary, support } from './testFixtures.ts';
import { inView } from './views.ts';

type MessageEvent = Extract<ConversationEvent, { type: 'message' }>;

/**
 * A small in-memory server for tests: conversations and their logs, answering
 * the console's commands the way the real one does, closely enough.
 */
export function createTestServer(initial: ConversationSummary[], logs: Record<string, ConversationEvent[]> = {}) {
  const connection = new FakeConnection();
  const conversations = new Map(initial.map((conversation) => [conversation.id, conversation]));
  const team: AgentSummary[] = [
    colleague({ id: jordi.id, name: jordi.name }),
    colleague({ id: 'agt_full', name: 'Pau', load: 3 }),
    colleague({ id: 'agt_away', name: 'Marta', status: 'away' }),
  ];
  const logOf = (id: string) => (logs[id] ??= []);
  /** Visitors' profiles, for `visitor:follow`, and the live list, for `visitors:watch`. */
  const profiles = new Map<string, VisitorProfile>();
  const live = new Map<string, LiveVisitor>();
  /** The agent's read receipts, in the order they were sent. */
  const readMarks: Array<{ conversationId: string; seq: number }> = [];

  /** Appends an event to a conversation's log and returns what facts and answers carry. */
  function append(id: string, build: (seq: number) => ConversationEvent, patch: Partial<ConversationSummary> = {}) {
    const log = logOf(id);
    const event = build(log.length + 1);
    log.push(event);
    const conversation = { ...conversations.get(id)!, ...patch, lastSeq: event.seq, updatedAt: 2_000 + event.seq };
    conversations.set(id, conversation);
    return { event, conversation } as AgentConversationChanged;
  }
  /**
   * Like the server (tests/agent-contract.test.ts holds both to one contract):
   * a resend of a client id answers with the stored message and stores nothing;
   * an unknown conversation is not_found, a closed one a conflict.
   */
  function sendMessage({ conversationId, clientId, body }: { conversationId: string; clientId: string; body: string }) {
    const stored = Object.values(logs)
      .flat()
      .find((event): event is MessageEvent => event.type === 'message' && event.author.kind === 'agent' && event.clientId === clientId);
    if (stored) {
      return { ok: true as const, data: { event: stored, conversation: conversations.get(stored.conversationId)! } };
    }
    const held = conversations.get(conversationId);
    if (!held) return { ok: false as const, error: { code: 'not_found' as const, message: 'No such conversation' } };
    if (held.status !== 'open') return { ok: false as const, error: { code: 'conflict' as const, message: 'The conversation is closed' } };
    const changed = append(conversationId, (seq) => agentMessage(conversationId, seq, body, clientId), {
      awaitingReplySince: null,
    });
    return { ok: true as const, data: { ...changed, event: changed.event as MessageEvent } };
  }
  const system = { kind: 'system' as const, id: null, name: null };
  const base = (id: string, seq: number) => ({ conversationId: id, seq, author: system, createdAt: 2_000 + seq });

  connection
    .handle('conversation:list', ({ view = 'mine' }) => ({
      ok: true,
      data: { conversations: [...conversations.values()].filter((c) => inView(c, view, me)) },
    }))
    .handle('conversation:sync', ({ conversationId, afterSeq }) => {
      const conversation = conversations.get(conversationId);
      if (!conversation) return { ok: false, error: { code: 'not_found', message: 'Unknown conversation' } };
      const events = logOf(conversationId).filter((event) => event.seq > afterSeq);
      return { ok: true, data: { conversation, events, hasMore: false } };
    })
    .handle('message:send', (payload) => sendMessage(payload))
    .handle('typing:set', () => ({ ok: true, data: null }))
    .handle('read:mark', (mark) => {
      readMarks.push(mark);
      return { ok: true, data: null };
    })
    .handle('conversation:take', ({ conversationId }) => {
      const held = conversations.get(conversationId);
      if (!held || held.assignee) return { ok: false, error: { code: 'conflict', message: 'Someone else took it first.' } };
      const changed = append(
        conversationId,
        (seq) => ({ ...base(conversationId, seq), type: 'joined', agent: { id: me.id, name: me.name }, role: 'assignee' }),
        { assignee: { id: me.id, name: me.name }, queuedAt: null },
      );
      return { ok: true, data: changed };
    })
    .handle('conversation:transfer', ({ conversationId, to, note }) => {
      if (note) append(conversationId, (seq) => ({ ...base(conversationId, seq), type: 'note', body: note }));
      const changed =
        to.kind === 'agent'
          ? append(conversationId, (seq) => ({ ...base(conversationId, seq), type: 'joined', agent: jordi, role: 'assignee' }), {
              assignee: team.find((agent) => agent.id === to.agentId) ?? jordi,
            })
          : append(
              conversationId,
              (seq) => ({ ...base(conversationId, seq), type: 'queued', department: support, reason: 'transferred' }),
              { assignee: null, queuedAt: 3_000, department: to.departmentId === sales.id ? sales : support },
            );
      const { id, name } = changed.conversation.assignee ?? { id: '', name: '' };
      const conversation = { ...changed.conversation, assignee: id ? { id, name } : null };
      conversations.set(conversationId, conversation);
      return { ok: true, data: { ...changed, conversation } };
    })
    .handle('conversation:invite', ({ conversationId, agentId }) => {
      const guest = team.find((agent) => agent.id === agentId)!;
      const ref = { id: guest.id, name: guest.name };
      const held = conversations.get(conversationId)!;
      const changed = append(conversationId, (seq) => ({ ...base(conversationId, seq), type: 'joined', agent: ref, role: 'guest' }), {
        guests: [...held.guests, ref],
      });
      return { ok: true, data: changed };
    })
    .handle('conversation:leave', ({ conversationId }) => {
      const held = conversations.get(conversationId)!;
      const changed = append(
        conversationId,
        (seq) => ({ ...base(conversationId, seq), type: 'left', agent: { id: me.id, name: me.name }, reason: 'left' }),
        { guests: held.guests.filter((guest) => guest.id !== me.id) },
      );
      return { ok: true, data: changed };
    })
    .handle('conversation:close', ({ conversationId }) => {
      const changed = append(conversationId, (seq) => ({ ...base(conversationId, seq), type: 'status', status: 'closed' }), {
        status: 'closed',
      });
      return { ok: true, data: changed };
    })
    .handle('conversation:status', (change) => {
      const { conversationId, state } = change;
      // The fake snoozes for an hour whatever the preset; the real server reckons presets in the site's zone.
      const snoozedUntil = change.state === 'snoozed' ? ('at' in change.until ? change.until.at : 2_000 + 3_600_000) : null;
      const changed = append(
        conversationId,
        (seq) => ({
          ...base(conversationId, seq),
          author: { kind: 'agent', id: me.id, name: me.name },
          type: 'state',
          state,
          snoozedUntil,
          reason: 'agent',
        }),
        { state, snoozedUntil },
      );
      return { ok: true, data: changed };
    })
    .handle('presence:set', ({ status }) => ({
      ok: true,
      data: colleague({ id: me.id, name: me.name, status }),
    }))
    .handle('visitor:follow', ({ visitorId }) => {
      const found = profiles.get(visitorId);
      return found ? { ok: true, data: found } : { ok: false, error: { code: 'not_found', message: 'Unknown visitor' } };
    })
    .handle('visitor:unfollow', () => ({ ok: true, data: null }))
    .handle('visitors:watch', () => ({ ok: true, data: { visitors: [...live.values()] } }))
    .handle('visitors:unwatch', () => ({ ok: true, data: null }))
    .handle('conversation:start', ({ visitorId, clientId, body }) => {
      const visitor = live.get(visitorId);
      if (!visitor) return { ok: false, error: { code: 'not_found', message: 'visitor_offline' } };
      if (visitor.conversationId) return { ok: false, error: { code: 'conflict', message: 'already_chatting' } };
      const id = `conv_${visitorId}`;
      conversations.set(id, summary({ id, visitorId, visitorLabel: visitor.label, origin: 'agent', assignee: nuria }));
      live.set(visitorId, { ...visitor, conversationId: id });
      const changed = append(id, (seq) => agentMessage(id, seq, body, clientId));
      return { ok: true, data: { ...changed, event: changed.event as MessageEvent } };
    })
    .handle('team:list', () => ({
      ok: true,
      data: {
        agents: team,
        departments: [
          { id: sales.id, slug: 'sales', name: sales.name, routing: 'manual' as const },
          { id: support.id, slug: 'support', name: support.name, routing: 'auto' as const },
        ],
      },
    }));

  return { connection, conversations, logs, append, team, profiles, live, sendMessage, readMarks };
}

export const flushPromises = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
