import { describe, expect, it, vi } from 'vitest';
import { InboxController } from './inboxController.ts';
import { createTestServer, flushPromises as flush } from './testServer.ts';
import { me, summary } from './testFixtures.ts';
import { liveVisitor, profile } from './visitorFixtures.ts';

function connected() {
  const server = createTestServer([
    summary({ id: 'conv_a', visitorId: 'vis_one' }),
    summary({ id: 'conv_b', visitorId: 'vis_one', status: 'closed' }),
    summary({ id: 'conv_c', visitorId: 'vis_two' }),
  ]);
  server.profiles.set('vis_one', profile());
  const controller = new InboxController({ connection: server.connection, me, onSessionEnded: vi.fn() });
  server.connection.setStatus('connected');
  return { ...server, controller };
}

describe('visitor follows', () => {
  it('follows the visitor of an opened pane once, and unfollows when their last pane closes', async () => {
    const { connection, controller } = connected();
    await flush();
    controller.open('conv_a');
    controller.open('conv_b');
    await flush();
    expect(connection.sentOf('visitor:follow')).toEqual([{ visitorId: 'vis_one' }]);
    expect(controller.store.get().visitors.vis_one).toEqual({ phase: 'ready', profile: profile() });

    controller.closePane('conv_a');
    expect(connection.sentOf('visitor:unfollow')).toEqual([]);
    controller.closePane('conv_b');
    expect(connection.sentOf('visitor:unfollow')).toEqual([{ visitorId: 'vis_one' }]);
    expect(controller.store.get().visitors).toEqual({});
  });

  it('applies visitor:changed facts for followed visitors only', async () => {
    const { connection, controller } = connected();
    await flush();
    controller.open('conv_a');
    await flush();
    connection.emitFact('visitor:changed', { profile: profile({ visits: 4 }) });
    connection.emitFact('visitor:changed', { profile: profile({ id: 'vis_other' }) });
    const { visitors } = controller.store.get();
    expect(Object.keys(visitors)).toEqual(['vis_one']);
    expect(visitors.vis_one).toMatchObject({ phase: 'ready', profile: { visits: 4 } });
  });

  it('follows again after a reconnect, keeping the profile on screen meanwhile', async () => {
    const { connection, controller, profiles } = connected();
    await flush();
    controller.open('conv_a');
    await flush();
    connection.setStatus('disconnected');
    expect(controller.store.get().visitors.vis_one?.phase).toBe('ready');
    profiles.set('vis_one', profile({ online: false }));
    connection.setStatus('connected');
    await flush();
    expect(connection.sentOf('visitor:follow')).toEqual([{ visitorId: 'vis_one' }, { visitorId: 'vis_one' }]);
    expect(controller.store.get().visitors.vis_one).toMatchObject({ phase: 'ready', profile: { online: false } });
  });

  it('shows a refused follow as failed and lets it be retried', async () => {
    const { controller, profiles } = connected();
    await flush();
    controller.open('conv_c');
    await flush();
    expect(controller.store.get().visitors.vis_two).toEqual({ phase: 'failed' });
    profiles.set('vis_two', profile({ id: 'vis_two' }));
    controller.retryVisitor('vis_two');
    await flush();
    expect(controller.store.get().visitors.vis_two?.phase).toBe('ready');
  });
});

describe('startConversation', () => {
  it('sends conversation:start with a fresh clientId, then holds and opens the new chat', async () => {
    const { connection, controller, live } = connected();
    live.set('vis_new', liveVisitor({ id: 'vis_new' }));
    await flush();
    const outcome = await controller.startConversation('vis_new', 'Can I help you find a size?');
    expect(outcome).toEqual({ ok: true, conversationId: 'conv_vis_new' });
    const [sent] = connection.sentOf('conversation:start') as Array<{ visitorId: string; clientId: string; body: string }>;
    expect(sent).toMatchObject({ visitorId: 'vis_new', body: 'Can I help you find a size?' });
    expect(sent?.clientId).toMatch(/^[A-Za-z0-9_-]{8,}$/);
    const state = controller.store.get();
    expect(state.conversations.conv_vis_new?.origin).toBe('agent');
    expect(state.panes.open).toContain('conv_vis_new');
    expect(state.logs.conv_vis_new?.map((event) => event.type === 'message' && event.body)).toEqual(['Can I help you find a size?']);
  });

  it('names the server’s refusals', async () => {
    const { controller, live } = connected();
    live.set('vis_busy', liveVisitor({ id: 'vis_busy', conversationId: 'conv_x' }));
    await flush();
    expect(await controller.startConversation('vis_busy', 'Hi')).toEqual({ ok: false, reason: 'already_chatting' });
    expect(await controller.startConversation('vis_gone', 'Hi')).toEqual({ ok: false, reason: 'visitor_offline' });
  });
});
