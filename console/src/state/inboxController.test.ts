import type { ConversationEvent, ConversationSummary } from '@mostrador/shared';
import { describe, expect, it, vi } from 'vitest';
import { FakeConnection } from '../api/fakeConnection.ts';
import { InboxController } from './inboxController.ts';
import { agentMessage, summary, visitorMessage } from './testFixtures.ts';
import { countUnread } from './unread.ts';

/** A tiny server: one conversation's log, answering list, sync and send. */
function serverWith(events: ConversationEvent[], conversation: ConversationSummary) {
  const connection = new FakeConnection();
  const current = () => ({ ...conversation, lastSeq: events.length, updatedAt: 1_000 + events.length });
  connection
    .handle('conversation:list', ({ status }) => ({
      ok: true,
      data: { conversations: status === 'open' ? [current()] : [] },
    }))
    .handle('conversation:sync', ({ afterSeq }) => ({
      ok: true,
      data: { conversation: current(), events: events.filter((e) => e.seq > afterSeq), hasMore: false },
    }))
    .handle('message:send', ({ conversationId, clientId, body }) => {
      const stored = events.find((e) => e.type === 'message' && e.clientId === clientId);
      const event = stored ?? agentMessage(conversationId, events.length + 1, body, clientId);
      if (!stored) events.push(event);
      return { ok: true, data: { event: event as Extract<ConversationEvent, { type: 'message' }>, conversation: current() } };
    });
  return { connection, current };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('InboxController', () => {
  it('loads both lists on connect and syncs conversations with unseen activity', async () => {
    const events = [visitorMessage('conv_a', 1), visitorMessage('conv_a', 2)];
    const { connection } = serverWith(events, summary({ id: 'conv_a' }));
    const controller = new InboxController({ connection, onSessionEnded: vi.fn() });
    connection.setStatus('connected');
    await flush();

    const state = controller.store.get();
    expect(connection.sentOf('conversation:list')).toEqual([{ status: 'open' }, { status: 'closed' }]);
    expect(state.logs.conv_a?.map((e) => e.seq)).toEqual([1, 2]);
    expect(countUnread(state.logs.conv_a ?? [], state.viewedSeq.conv_a ?? 0)).toBe(2);
  });

  it('resyncs from the last held seq when a fact skips ahead', async () => {
    const events = [visitorMessage('conv_a', 1)];
    const { connection, current } = serverWith(events, summary({ id: 'conv_a' }));
    const controller = new InboxController({ connection, onSessionEnded: vi.fn() });
    connection.setStatus('connected');
    await flush();

    events.push(visitorMessage('conv_a', 2), visitorMessage('conv_a', 3));
    connection.emitFact('message:created', { event: events[2]!, conversation: current() });
    await flush();

    expect(connection.sentOf('conversation:sync').at(-1)).toEqual({ conversationId: 'conv_a', afterSeq: 1 });
    expect(controller.store.get().logs.conv_a?.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('counts nothing unread in the conversation on screen', async () => {
    const events = [visitorMessage('conv_a', 1)];
    const { connection, current } = serverWith(events, summary({ id: 'conv_a' }));
    const controller = new InboxController({ connection, onSessionEnded: vi.fn() });
    connection.setStatus('connected');
    await flush();
    controller.select('conv_a');
    events.push(visitorMessage('conv_a', 2));
    connection.emitFact('message:created', { event: events[1]!, conversation: current() });

    const state = controller.store.get();
    expect(countUnread(state.logs.conv_a ?? [], state.viewedSeq.conv_a ?? 0)).toBe(0);
  });

  it('keeps a reply sent while offline and resends it with the same clientId on reconnect', async () => {
    const events = [visitorMessage('conv_a', 1)];
    const { connection } = serverWith(events, summary({ id: 'conv_a' }));
    const controller = new InboxController({ connection, onSessionEnded: vi.fn() });

    controller.send('conv_a', 'Hello while offline');
    await flush();
    const [queued] = controller.store.get().outbox;
    expect(queued?.state).toBe('queued');

    connection.setStatus('connected');
    await flush();

    const sends = connection.sentOf('message:send') as Array<{ clientId: string }>;
    expect(sends.map((send) => send.clientId)).toEqual([queued?.clientId]);
    const state = controller.store.get();
    expect(state.outbox).toEqual([]);
    expect(state.logs.conv_a?.at(-1)).toMatchObject({ seq: 2, body: 'Hello while offline', clientId: queued?.clientId });
  });

  it('returns to the login screen when the socket is refused', () => {
    const connection = new FakeConnection();
    const onSessionEnded = vi.fn();
    new InboxController({ connection, onSessionEnded });
    connection.setStatus('unauthorized');
    expect(onSessionEnded).toHaveBeenCalledOnce();
  });
});
