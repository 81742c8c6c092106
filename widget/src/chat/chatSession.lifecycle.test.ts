import type { WidgetHours } from '@mostrador/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flush } from '../transport/fakeTransport.ts';
import { CONVERSATION_ID, conversation, message, seqs, statusEvent } from './testEvents.ts';
import { session, setup, visitorMessage } from './testSession.ts';

afterEach(() => vi.useRealTimers());

/** A connected session showing the open conversation with `lastSeq` events already loaded. */
async function connectedWith(lastSeq: number, ctx = setup()) {
  ctx.transport.establish(session(conversation({ lastSeq })));
  const events = Array.from({ length: lastSeq }, (_, i) => message(i + 1));
  ctx.transport.take('conversation:sync').reply({ ok: true, data: { conversation: conversation({ lastSeq }), events, hasMore: false } });
  await flush();
  return ctx;
}

describe('ChatSession connection states', () => {
  it('stays "connecting" when the socket drops before any session, and says "reconnecting" only after one', async () => {
    const { transport, chat } = setup();
    expect(chat.view.get().connection).toBe('connecting');
    transport.drop();
    expect(chat.view.get().connection).toBe('connecting');
    transport.establish(session(null));
    await flush();
    transport.drop();
    expect(chat.view.get().connection).toBe('reconnecting');
  });

  it('shows what the session says about the site: name, departments, hours, who is online and the contact', async () => {
    const { transport, chat } = setup();
    const hours: WidgetHours = { site: { timeZone: 'Europe/Madrid', weekly: [], holidays: [], closures: [] }, departments: {} };
    transport.establish({
      ...session(null),
      contact: { email: 'anna@example.com', name: 'Anna' },
      site: {
        name: 'Botiga',
        departments: [{ slug: 'sales', name: 'Sales' }],
        typingPreview: false,
        triggers: [],
        onlineAgents: { any: false, departments: ['sales'] },
        hours,
      },
    });
    await flush();
    expect(chat.view.get()).toMatchObject({
      connection: 'connected',
      siteName: 'Botiga',
      departments: [{ slug: 'sales', name: 'Sales' }],
      hours,
      onlineAgents: { any: false, departments: ['sales'] },
      contact: { email: 'anna@example.com', name: 'Anna' },
    });
    transport.emit('agents:changed', { onlineAgents: { any: true, departments: [] } });
    expect(chat.view.get().onlineAgents).toEqual({ any: true, departments: [] });
  });

  it('knows no contact when the session brings none', async () => {
    const { transport, chat } = setup();
    transport.establish(session(null));
    await flush();
    expect(chat.view.get().contact).toBeNull();
  });

  it('starts over without token and conversation when the server refuses a known visitor', () => {
    const { transport, storage } = setup();
    storage.update({ token: 'stale', conversationId: 'cnv_old' });
    transport.refuse(false);
    expect(storage.read()).toEqual({ conversationId: null });
    expect(transport.connectCalls).toBe(2);
  });

  it('does not retry a refused handshake of a visitor with no token: there is nothing to forget', () => {
    const { transport, storage } = setup();
    transport.refuse(false);
    expect(transport.connectCalls).toBe(1);
    expect(storage.read()).toEqual({});
  });

  it('may start over once more after a session was established in between', async () => {
    const { transport, storage } = setup();
    storage.update({ token: 'stale' });
    transport.refuse(false);
    expect(transport.connectCalls).toBe(2);
    transport.establish(session(null, 'tok-new'));
    await flush();
    // Days later the server forgot this token too.
    transport.drop();
    transport.refuse(false);
    expect(storage.read().token).toBeUndefined();
    expect(transport.connectCalls).toBe(3);
  });

  it('keeps the events shown when the server confirms the same conversation, and empties them for another', async () => {
    const { transport, chat } = await connectedWith(2);
    transport.drop();
    transport.establish(session(conversation({ lastSeq: 2 })));
    expect(seqs(chat.view.get().events)).toEqual([1, 2]);
    transport
      .take('conversation:sync')
      .reply({ ok: true, data: { conversation: conversation({ lastSeq: 2 }), events: [], hasMore: false } });
    await flush();
    transport.drop();
    transport.establish(session(conversation({ id: 'cnv_next', lastSeq: 0, createdAt: 9_000 })));
    expect(chat.view.get().events).toEqual([]);
    expect(chat.view.get().conversation?.id).toBe('cnv_next');
  });
});

describe('ChatSession closing', () => {
  it('asks nothing to close a conversation that is already closed', async () => {
    const { transport, chat } = setup();
    transport.establish(session(conversation({ lastSeq: 1, status: 'closed' })));
    transport.take('conversation:sync').reply({
      ok: true,
      data: { conversation: conversation({ lastSeq: 1, status: 'closed' }), events: [statusEvent(1, 'closed')], hasMore: false },
    });
    await flush();
    await chat.closeConversation();
    expect(transport.requests).toEqual([]);
  });

  it('asks nothing to close when there is no conversation, or while disconnected', async () => {
    const empty = setup();
    empty.transport.establish(session(null));
    await flush();
    await empty.chat.closeConversation();
    expect(empty.transport.requests).toEqual([]);

    const { transport, chat } = await connectedWith(1);
    transport.drop();
    await chat.closeConversation();
    expect(transport.requests).toEqual([]);
    expect(chat.view.get().conversation?.status).toBe('open');
  });

  it('keeps the conversation open when the server refuses to close it or does not answer', async () => {
    const { transport, chat } = await connectedWith(1);
    let closing = chat.closeConversation();
    transport.take('conversation:close').reply({ ok: false, error: { code: 'not_found', message: 'no' } });
    await closing;
    closing = chat.closeConversation();
    transport.take('conversation:close').timeOut();
    await closing;
    expect(chat.view.get().conversation?.status).toBe('open');
    expect(seqs(chat.view.get().events)).toEqual([1]);
  });
});

describe('ChatSession live facts, edge cases', () => {
  it('ignores an older state of the conversation that arrives late', async () => {
    const { transport, chat } = await connectedWith(1);
    transport.emit('conversation:changed', {
      event: statusEvent(2, 'closed'),
      conversation: conversation({ lastSeq: 2, status: 'closed' }),
    });
    // A late fact about seq 1, carrying the conversation as it was then.
    transport.emit('message:created', { event: message(1), conversation: conversation({ lastSeq: 1, status: 'open' }) });
    expect(chat.view.get().conversation).toMatchObject({ status: 'closed', lastSeq: 2 });
  });

  it('takes a newer conversation even when it was created at the same moment', async () => {
    const { transport, chat } = await connectedWith(1);
    transport.emit('message:created', {
      event: message(1, { conversationId: 'cnv_twin' }),
      conversation: conversation({ id: 'cnv_twin', lastSeq: 1 }),
    });
    expect(chat.view.get().conversation?.id).toBe('cnv_twin');
  });

  it('keeps out events of another conversation that come along with a fact', async () => {
    const { transport, chat } = await connectedWith(1);
    transport.emit('message:created', {
      event: message(2, { conversationId: 'cnv_other' }),
      conversation: conversation({ lastSeq: 1 }),
    });
    expect(seqs(chat.view.get().events)).toEqual([1]);
  });

  it('hides "typing…" when the agent’s message arrives, and on a disconnect', async () => {
    const { transport, chat } = await connectedWith(1);
    transport.emit('typing:changed', { conversationId: CONVERSATION_ID, typing: true, name: 'Marta' });
    transport.emit('message:created', { event: message(2), conversation: conversation({ lastSeq: 2 }) });
    expect(chat.view.get().agentTyping).toBeNull();
    transport.emit('typing:changed', { conversationId: CONVERSATION_ID, typing: true, name: 'Marta' });
    transport.drop();
    expect(chat.view.get().agentTyping).toBeNull();
  });

  it('keeps "typing…" through a status change and a visitor message', async () => {
    const { transport, chat } = await connectedWith(1);
    transport.emit('typing:changed', { conversationId: CONVERSATION_ID, typing: true, name: 'Marta' });
    transport.emit('message:created', { event: visitorMessage(2, 'client-x-1', 'hi'), conversation: conversation({ lastSeq: 2 }) });
    expect(chat.view.get().agentTyping).toBe('Marta');
  });

  it('ignores typing about another conversation', async () => {
    const { transport, chat } = await connectedWith(1);
    transport.emit('typing:changed', { conversationId: 'cnv_other', typing: true, name: 'Pau' });
    expect(chat.view.get().agentTyping).toBeNull();
  });

  it('restarts the 6 s of "typing…" with each new word from the server', async () => {
    vi.useFakeTimers();
    const { transport, chat } = await connectedWith(1);
    transport.emit('typing:changed', { conversationId: CONVERSATION_ID, typing: true, name: 'Marta' });
    vi.advanceTimersByTime(4_000);
    transport.emit('typing:changed', { conversationId: CONVERSATION_ID, typing: true, name: 'Marta' });
    vi.advanceTimersByTime(4_000);
    expect(chat.view.get().agentTyping).toBe('Marta');
    vi.advanceTimersByTime(2_000);
    expect(chat.view.get().agentTyping).toBeNull();
  });

  it('a sync page never starts another sync, even when it leaves a gap', async () => {
    const { transport, chat } = setup();
    transport.establish(session(conversation({ lastSeq: 3 })));
    transport.take('conversation:sync').reply({
      ok: true,
      data: { conversation: conversation({ lastSeq: 3 }), events: [message(1), message(3)], hasMore: false },
    });
    await flush();
    expect(transport.pending('conversation:sync')).toHaveLength(0);
    expect(seqs(chat.view.get().events)).toEqual([1, 3]);
  });

  it('does not take a conversation loaded by a sync for a new invitation, nor count its messages', async () => {
    const { transport, onInvitation, onAgentMessage } = setup();
    const proactive = conversation({ origin: 'agent', lastSeq: 1 });
    transport.establish(session(proactive));
    transport.take('conversation:sync').reply({ ok: true, data: { conversation: proactive, events: [message(1)], hasMore: false } });
    await flush();
    expect(onInvitation).not.toHaveBeenCalled();
    expect(onAgentMessage).not.toHaveBeenCalled();
  });

  it('counts each new agent message once, whether live or from a gap sync, and never the visitor’s own', async () => {
    const { transport, chat, onAgentMessage } = await connectedWith(1);
    chat.send('hola');
    transport.take('message:send').reply({
      ok: true,
      data: { event: visitorMessage(2, 'client-id-1', 'hola'), conversation: conversation({ lastSeq: 2 }) },
    });
    await flush();
    expect(onAgentMessage).not.toHaveBeenCalled();
    transport.emit('message:created', { event: message(5), conversation: conversation({ lastSeq: 5 }) });
    expect(onAgentMessage).toHaveBeenCalledTimes(1);
    // Seq 5 revealed a gap: the sync brings two agent messages not seen yet, and seq 5 again.
    transport.take('conversation:sync').reply({
      ok: true,
      data: { conversation: conversation({ lastSeq: 5 }), events: [message(3), message(4), message(5)], hasMore: false },
    });
    await flush();
    expect(onAgentMessage).toHaveBeenCalledTimes(3);
    transport.emit('conversation:changed', {
      event: statusEvent(6, 'closed'),
      conversation: conversation({ lastSeq: 6, status: 'closed' }),
    });
    expect(onAgentMessage).toHaveBeenCalledTimes(3);
  });

  it('keeps the invitation while the conversation shown is closed', async () => {
    const { transport, chat } = setup();
    transport.establish(session(conversation({ lastSeq: 1, status: 'closed' })));
    transport.take('conversation:sync').reply({
      ok: true,
      data: { conversation: conversation({ lastSeq: 1, status: 'closed' }), events: [statusEvent(1, 'closed')], hasMore: false },
    });
    await flush();
    const invitation = { firingId: 'firing-1-xxxx', body: 'Hi!', name: 'Botiga', teaser: false };
    chat.invite(invitation);
    transport.emit('conversation:changed', {
      event: statusEvent(1, 'closed'),
      conversation: conversation({ lastSeq: 1, status: 'closed' }),
    });
    expect(chat.view.get().invitation).toEqual(invitation);
  });

  it('keeps the invitation while the open conversation’s log is not here from its start', async () => {
    const { transport, chat } = setup();
    transport.establish(session(null));
    await flush();
    const invitation = { firingId: 'firing-1-xxxx', body: 'Hi!', name: 'Botiga', teaser: false };
    chat.invite(invitation);
    transport.emit('message:created', { event: message(2), conversation: conversation({ lastSeq: 2 }) });
    expect(chat.view.get().invitation).toEqual(invitation);
    transport.take('conversation:sync');
  });

  it('does not report a teaser opened when there is no teaser', () => {
    const { chat, transport } = setup();
    chat.invitationSeen();
    chat.invite({ firingId: 'firing-1-xxxx', body: 'Hi!', name: 'Botiga', teaser: false });
    chat.invitationSeen();
    expect(transport.notified).toEqual([]);
  });
});

describe('ChatSession outbox, edge cases', () => {
  it('drops the trigger from a reply once a conversation is open', async () => {
    const { transport, chat } = await connectedWith(1);
    chat.invite({ firingId: 'firing-1-xxxx', body: 'Hi!', name: 'Botiga', teaser: false });
    chat.send('Yes');
    expect(transport.take('message:send').payload).toEqual({ clientId: 'client-id-1', body: 'Yes' });
  });

  it('stamps a queued message with the time it was written', () => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    const { chat } = setup();
    chat.send('hola');
    expect(chat.view.get().pending[0]?.createdAt).toBe(1_700_000_000_000);
  });

  it('waits one second after "slow down" when the server gives no wait', async () => {
    vi.useFakeTimers();
    const { transport, chat } = setup();
    transport.establish(session(null));
    await flush();
    chat.send('one');
    transport.take('message:send').reply({ ok: false, error: { code: 'rate_limited', message: 'slow down' } });
    await flush();
    vi.advanceTimersByTime(999);
    await flush();
    expect(transport.pending('message:send')).toHaveLength(0);
    vi.advanceTimersByTime(1);
    await flush();
    expect(transport.take('message:send').payload.body).toBe('one');
  });

  it('keeps nothing running after dispose: no retry after "slow down", no typing timeout', async () => {
    vi.useFakeTimers();
    const { transport, chat } = await connectedWith(1);
    transport.emit('typing:changed', { conversationId: CONVERSATION_ID, typing: true, name: 'Marta' });
    chat.send('one');
    transport.take('message:send').reply({ ok: false, error: { code: 'rate_limited', message: 'slow down', retryAfterMs: 500 } });
    await flush();
    chat.dispose();
    vi.advanceTimersByTime(60_000);
    await flush();
    expect(transport.requests).toEqual([]);
    expect(chat.view.get().agentTyping).toBe('Marta');
  });

  it('does not send while disconnected; the outbox waits for the session', async () => {
    const { transport, chat } = await connectedWith(1);
    transport.drop();
    chat.send('offline');
    expect(transport.requests).toEqual([]);
    transport.establish(session(conversation({ lastSeq: 1 })));
    transport
      .take('conversation:sync')
      .reply({ ok: true, data: { conversation: conversation({ lastSeq: 1 }), events: [], hasMore: false } });
    await flush();
    expect(transport.take('message:send').payload.body).toBe('offline');
  });
});

describe('ChatSession contact', () => {
  it('keeps the contact once the server stored it, and not when it refused or did not answer', async () => {
    const { transport, chat } = setup();
    transport.establish(session(null));
    await flush();
    let saving = chat.saveContact({ email: 'bad' });
    transport.take('visitor:contact').reply({ ok: false, error: { code: 'invalid_payload', message: 'email' } });
    await saving;
    saving = chat.saveContact({ email: 'anna@example.com' });
    transport.take('visitor:contact').timeOut();
    await saving;
    expect(chat.view.get().contact).toBeNull();
    saving = chat.saveContact({ email: 'anna@example.com', name: 'Anna' });
    expect(transport.take('visitor:contact').payload).toEqual({ email: 'anna@example.com', name: 'Anna' });
    transport.take('visitor:contact').reply({ ok: true, data: { email: 'anna@example.com', name: 'Anna' } });
    await saving;
    expect(chat.view.get().contact).toEqual({ email: 'anna@example.com', name: 'Anna' });
  });
});
