import type { ConversationEvent, ConversationSummary, MessageEvent } from '@mostrador/shared';
import { describe, expect, it, vi } from 'vitest';
import { FakeConnection } from '../api/fakeConnection.ts';
import type { Alert } from './alerts.ts';
import { InboxController } from './inboxController.ts';
import { createTestServer, flushPromises as flush } from './testServer.ts';
import { agentMessage, jordi, me, queued, summary, support, visitorMessage } from './testFixtures.ts';
import { unreadOf } from './unread.ts';
import { conversationsInView } from './views.ts';

function connected(initial: ConversationSummary[], logs: Record<string, ConversationEvent[]> = {}) {
  const server = createTestServer(initial, logs);
  const alerts: Alert[] = [];
  const controller = new InboxController({
    connection: server.connection,
    me,
    onSessionEnded: vi.fn(),
    onAlert: (alert) => alerts.push(alert),
  });
  server.connection.setStatus('connected');
  const ids = (view: 'mine' | 'queue' | 'all' | 'closed') =>
    conversationsInView(controller.store.get().conversations, view, me).map((c) => c.id);
  return { ...server, controller, alerts, ids };
}

describe('InboxController', () => {
  it('loads every view the agent may see on connect (not All) without fetching any history', async () => {
    const lastMessage = { body: 'visitor 2', authorKind: 'visitor' as const, createdAt: 1_002 };
    const { connection, controller } = connected([summary({ id: 'conv_a', lastSeq: 2, lastMessage })], {
      conv_a: [visitorMessage('conv_a', 1), visitorMessage('conv_a', 2)],
    });
    await flush();
    expect(connection.sentOf('conversation:list')).toEqual([{ view: 'mine' }, { view: 'queue' }, { view: 'tickets' }, { view: 'closed' }]);
    expect(connection.sentOf('conversation:sync')).toEqual([]);
    const state = controller.store.get();
    expect(unreadOf(state.conversations.conv_a, state.logs.conv_a, state.viewedSeq.conv_a ?? 0)).toBe(1);
  });

  it('resyncs from the last held seq when a fact skips ahead', async () => {
    const { connection, controller, logs, append } = connected([summary({ id: 'conv_a', lastSeq: 1 })], {
      conv_a: [visitorMessage('conv_a', 1)],
    });
    await flush();
    // Opening the chat is what makes the console hold its log.
    controller.open('conv_a');
    await flush();
    append('conv_a', (seq) => visitorMessage('conv_a', seq));
    const changed = append('conv_a', (seq) => visitorMessage('conv_a', seq));
    connection.emitFact('message:created', changed);
    await flush();
    expect(connection.sentOf('conversation:sync').at(-1)).toEqual({ conversationId: 'conv_a', afterSeq: 1 });
    expect(controller.store.get().logs.conv_a?.map((e) => e.seq)).toEqual(logs.conv_a!.map((e) => e.seq));
  });

  it('files conversations under Mine, Queue and Closed', async () => {
    const { ids } = connected([
      summary({ id: 'conv_mine' }),
      summary({ id: 'conv_guest', assignee: jordi, guests: [{ id: me.id, name: me.name }] }),
      queued({ id: 'conv_waiting' }),
      summary({ id: 'conv_done', status: 'closed' }),
    ]);
    await flush();
    expect(ids('mine').sort()).toEqual(['conv_guest', 'conv_mine']);
    expect(ids('queue')).toEqual(['conv_waiting']);
    expect(ids('closed')).toEqual(['conv_done']);
    expect(ids('all')).toEqual([]);
  });

  it('drops a conversation and closes its pane when a summary no longer involves me', async () => {
    const { connection, controller, append } = connected([queued({ id: 'conv_q' })]);
    await flush();
    controller.open('conv_q');
    await flush();
    expect(controller.store.get().panes.open).toEqual(['conv_q']);
    // Jordi takes it from the queue.
    const taken = append(
      'conv_q',
      (seq) => ({
        type: 'joined',
        conversationId: 'conv_q',
        seq,
        createdAt: 5,
        author: { kind: 'system', id: null, name: null },
        agent: jordi,
        role: 'assignee',
      }),
      { assignee: jordi, queuedAt: null },
    );
    connection.emitFact('conversation:changed', taken);
    const state = controller.store.get();
    expect(state.conversations.conv_q).toBeUndefined();
    expect(state.panes.open).toEqual([]);
  });

  it('takes from the queue, and shows the conflict when someone was first', async () => {
    const { controller, conversations } = connected([queued({ id: 'conv_q' }), queued({ id: 'conv_r' })]);
    await flush();
    expect(await controller.actions.take('conv_q')).toBe(true);
    expect(controller.store.get().conversations.conv_q?.assignee?.id).toBe(me.id);

    conversations.set('conv_r', { ...conversations.get('conv_r')!, assignee: jordi });
    expect(await controller.actions.take('conv_r')).toBe(false);
    expect(controller.store.get().actions.conv_r).toEqual({
      kind: 'take',
      state: 'failed',
      message: 'Someone else took it first.',
    });
  });

  it('transfers to a department with a note and lets the conversation go', async () => {
    const { connection, controller } = connected([summary({ id: 'conv_a' })]);
    await flush();
    controller.open('conv_a');
    await controller.actions.transfer('conv_a', { kind: 'department', departmentId: support.id }, '  VIP customer ');
    expect(connection.sentOf('conversation:transfer')).toEqual([
      { conversationId: 'conv_a', to: { kind: 'department', departmentId: support.id }, note: 'VIP customer' },
    ]);
    // Queued in a department Núria is not in: no longer hers.
    expect(controller.store.get().conversations.conv_a).toBeUndefined();
    expect(controller.store.get().panes.open).toEqual([]);
  });

  it('alerts for a conversation newly queued for me, and for a visitor message outside the focused pane', async () => {
    const { connection, controller, alerts, append } = connected([summary({ id: 'conv_a' }), summary({ id: 'conv_b' })]);
    await flush();
    connection.emitFact('conversation:created', { conversation: queued({ id: 'conv_new' }) });
    connection.emitFact('conversation:created', { conversation: queued({ id: 'conv_other', department: support }) });
    controller.open('conv_a');
    connection.emitFact(
      'message:created',
      append('conv_b', (seq) => visitorMessage('conv_b', seq, 'Hello?')),
    );
    connection.emitFact(
      'message:created',
      append('conv_a', (seq) => visitorMessage('conv_a', seq, 'Here')),
    );
    expect(
      alerts.map((alert) => [
        alert.kind,
        alert.kind === 'mention' || alert.kind === 'lowRating' ? alert.conversationId : alert.conversation.id,
        alert.kind === 'message' && alert.inFocus,
      ]),
    ).toEqual([
      ['queued', 'conv_new', false],
      ['message', 'conv_b', false],
      ['message', 'conv_a', true],
    ]);
  });

  it('puts the shopper’s rating on the conversation, and alerts for a low one', async () => {
    const { connection, controller, alerts } = connected([summary({ id: 'conv_a' })]);
    await flush();
    const rating = { score: 1, comment: 'Too slow', createdAt: 5_000 };
    const rated = { ...controller.store.get().conversations.conv_a!, status: 'closed' as const, rating, updatedAt: 5_000 };
    connection.emitFact('conversation:rated', { conversation: rated, rating });
    expect(controller.store.get().conversations.conv_a?.rating).toEqual(rating);
    connection.emitFact('rating:low', { conversationId: 'conv_a', visitorLabel: 'Visitor 1', rating });
    expect(alerts).toEqual([{ kind: 'lowRating', conversationId: 'conv_a', visitorLabel: 'Visitor 1', rating }]);
  });

  it('keeps a reply sent while offline and resends it with the same clientId on reconnect', async () => {
    const server = createTestServer([summary({ id: 'conv_a', lastSeq: 1 })], { conv_a: [visitorMessage('conv_a', 1)] });
    const controller = new InboxController({ connection: server.connection, me, onSessionEnded: vi.fn() });
    controller.send('conv_a', 'Hello while offline');
    await flush();
    const [queuedReply] = controller.store.get().outbox;
    expect(queuedReply?.state).toBe('queued');

    server.connection.setStatus('connected');
    await flush();
    const sends = server.connection.sentOf('message:send') as Array<{ clientId: string }>;
    expect(sends.map((send) => send.clientId)).toEqual([queuedReply?.clientId]);
    expect(controller.store.get().outbox).toEqual([]);
    expect(controller.store.get().logs.conv_a?.at(-1)).toMatchObject({ seq: 2, body: 'Hello while offline' });
  });

  it('keeps a reply the server rate-limited queued, not failed, and sends it again when the server says', async () => {
    const { connection, controller, append } = connected([summary({ id: 'conv_a', lastSeq: 1 })], {
      conv_a: [visitorMessage('conv_a', 1)],
    });
    await flush();
    let attempts = 0;
    connection.handle('message:send', ({ conversationId, clientId, body }) => {
      attempts += 1;
      if (attempts === 1) return { ok: false, error: { code: 'rate_limited', message: 'slow down', retryAfterMs: 2_000 } };
      const changed = append(conversationId, (seq) => agentMessage(conversationId, seq, body, clientId));
      return { ok: true, data: { ...changed, event: changed.event as MessageEvent } };
    });
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      controller.send('conv_a', 'Too fast');
      await vi.advanceTimersByTimeAsync(0);
      expect(controller.store.get().outbox.map((m) => m.state)).toEqual(['queued']);
      await vi.advanceTimersByTimeAsync(1_999);
      expect(attempts).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(attempts).toBe(2);
      expect(controller.store.get().outbox).toEqual([]);
      expect(controller.store.get().logs.conv_a?.at(-1)).toMatchObject({ seq: 2, body: 'Too fast' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('says "away" again after a reconnect', async () => {
    const { connection, controller } = connected([]);
    await flush();
    await controller.setPresence('away');
    connection.setStatus('disconnected');
    connection.setStatus('connected');
    await flush();
    expect(connection.sentOf('presence:set')).toEqual([{ status: 'away' }, { status: 'away' }]);
  });

  it('returns to the login screen when the socket is refused', () => {
    const connection = new FakeConnection();
    const onSessionEnded = vi.fn();
    new InboxController({ connection, me, onSessionEnded });
    connection.setStatus('unauthorized');
    expect(onSessionEnded).toHaveBeenCalledOnce();
  });
});
