import { MAX_MESSAGE_CHARS } from '@mostrador/shared/limits';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flush } from '../transport/fakeTransport.ts';
import { AGENT_TYPING_TTL_MS } from './chatSession.ts';
import { CONVERSATION_ID, conversation, message, seqs, statusEvent } from './testEvents.ts';
import { session, setup, visitorMessage } from './testSession.ts';

describe('ChatSession connection and history', () => {
  it('connects, stores the token and conversation id, and syncs the history page by page', async () => {
    const { transport, storage, chat } = setup();
    expect(transport.connectCalls).toBe(1);
    transport.establish(session(conversation({ lastSeq: 3 })));
    expect(storage.read()).toMatchObject({ token: 'tok-1', conversationId: CONVERSATION_ID });

    const first = transport.take('conversation:sync');
    expect(first.payload).toEqual({ conversationId: CONVERSATION_ID, afterSeq: 0 });
    first.reply({ ok: true, data: { conversation: conversation({ lastSeq: 3 }), events: [message(1), message(2)], hasMore: true } });
    await flush();
    const second = transport.take('conversation:sync');
    expect(second.payload.afterSeq).toBe(2);
    second.reply({ ok: true, data: { conversation: conversation({ lastSeq: 3 }), events: [statusEvent(3, 'closed')], hasMore: false } });
    await flush();
    expect(transport.pending('conversation:sync')).toHaveLength(0);
    expect(seqs(chat.view.get().events)).toEqual([1, 2, 3]);
    expect(chat.view.get().siteName).toBe('Botiga');
  });

  it('shows an empty chat when the server has no open conversation', async () => {
    const { transport, chat } = setup();
    transport.establish(session(conversation({ lastSeq: 1 })));
    transport
      .take('conversation:sync')
      .reply({ ok: true, data: { conversation: conversation({ lastSeq: 1 }), events: [message(1)], hasMore: false } });
    await flush();
    transport.drop();
    expect(chat.view.get().connection).toBe('reconnecting');
    transport.establish(session(null));
    await flush();
    expect(chat.view.get()).toMatchObject({ connection: 'connected', conversation: null, events: [] });
    expect(transport.pending('conversation:sync')).toHaveLength(0);
  });

  it('resyncs from the highest seq held after a reconnect', async () => {
    const { transport } = setup();
    transport.establish(session(conversation({ lastSeq: 2 })));
    transport
      .take('conversation:sync')
      .reply({ ok: true, data: { conversation: conversation({ lastSeq: 2 }), events: [message(1), message(2)], hasMore: false } });
    await flush();
    transport.drop();
    transport.establish(session(conversation({ lastSeq: 5 })));
    expect(transport.take('conversation:sync').payload.afterSeq).toBe(2);
  });

  it('runs a sync to fill a gap revealed by a live event', async () => {
    const { transport, chat } = setup();
    transport.establish(session(conversation({ lastSeq: 1 })));
    transport
      .take('conversation:sync')
      .reply({ ok: true, data: { conversation: conversation({ lastSeq: 1 }), events: [message(1)], hasMore: false } });
    await flush();
    transport.emit('message:created', { event: message(2), conversation: conversation({ lastSeq: 2 }) });
    expect(transport.pending('conversation:sync')).toHaveLength(0);
    transport.emit('message:created', { event: message(4), conversation: conversation({ lastSeq: 4 }) });
    const gapSync = transport.take('conversation:sync');
    expect(gapSync.payload.afterSeq).toBe(2);
    gapSync.reply({ ok: true, data: { conversation: conversation({ lastSeq: 4 }), events: [message(3), message(4)], hasMore: false } });
    await flush();
    expect(seqs(chat.view.get().events)).toEqual([1, 2, 3, 4]);
  });

  it('forgets a refused token once, then connects as a new visitor', () => {
    const { transport, storage } = setup();
    storage.update({ token: 'stale' });
    transport.refuse(true);
    expect(transport.connectCalls).toBe(1);
    transport.refuse(false);
    expect(storage.read().token).toBeUndefined();
    expect(transport.connectCalls).toBe(2);
    transport.refuse(false);
    expect(transport.connectCalls).toBe(2);
  });
});

describe('ChatSession sending', () => {
  let ctx: ReturnType<typeof setup>;
  beforeEach(async () => {
    ctx = setup();
    ctx.transport.establish(session(null));
    await flush();
  });

  it('shows a message as pending at once and replaces it with the acked event', async () => {
    const { transport, chat } = ctx;
    expect(chat.send('  hola  ')).toBe('queued');
    expect(chat.view.get().pending).toMatchObject([{ clientId: 'client-id-1', body: 'hola', status: 'sending' }]);
    const send = transport.take('message:send');
    expect(send.payload).toEqual({ clientId: 'client-id-1', body: 'hola' });
    send.reply({ ok: true, data: { event: visitorMessage(1, 'client-id-1', 'hola'), conversation: conversation({ lastSeq: 1 }) } });
    await flush();
    expect(chat.view.get().pending).toEqual([]);
    expect(chat.view.get().conversation?.id).toBe(CONVERSATION_ID);
    expect(seqs(chat.view.get().events)).toEqual([1]);
  });

  it('never sends blank or over-limit messages', () => {
    const { transport, chat } = ctx;
    expect(chat.send(' \n\t ')).toBe('empty');
    expect(chat.send('x'.repeat(MAX_MESSAGE_CHARS + 1))).toBe('too-long');
    expect(chat.send('x'.repeat(MAX_MESSAGE_CHARS))).toBe('queued');
    expect(transport.pending('message:send')).toHaveLength(1);
  });

  it('sends one at a time, in order', async () => {
    const { transport, chat } = ctx;
    chat.send('one');
    chat.send('two');
    expect(transport.pending('message:send')).toHaveLength(1);
    transport
      .take('message:send')
      .reply({ ok: true, data: { event: visitorMessage(1, 'client-id-1', 'one'), conversation: conversation({ lastSeq: 1 }) } });
    await flush();
    expect(transport.take('message:send').payload.body).toBe('two');
  });

  it('keeps a timed-out message pending and resends it, in order, with the same clientId after reconnecting', async () => {
    const { transport, chat, backend } = ctx;
    chat.send('first');
    chat.send('second');
    transport.take('message:send').timeOut();
    await flush();
    expect(transport.pending('message:send')).toHaveLength(0);
    expect(chat.view.get().pending.map((p) => p.status)).toEqual(['sending', 'sending']);

    // A reload: a new session over the same storage.
    chat.dispose();
    const reloaded = setup(backend);
    expect(reloaded.chat.view.get().pending.map((p) => p.body)).toEqual(['first', 'second']);
    reloaded.transport.establish(session(null));
    await flush();
    const resend = reloaded.transport.take('message:send');
    expect(resend.payload).toEqual({ clientId: 'client-id-1', body: 'first' });
    resend.reply({ ok: true, data: { event: visitorMessage(1, 'client-id-1', 'first'), conversation: conversation({ lastSeq: 1 }) } });
    await flush();
    expect(reloaded.transport.take('message:send').payload).toEqual({ clientId: 'client-id-2', body: 'second' });
  });

  it('resumes sending on a reconnect that happens while an old send is still unanswered', async () => {
    const { transport, chat } = ctx;
    chat.send('in flight');
    const stale = transport.take('message:send');
    transport.drop();
    transport.establish(session(null));
    await flush();
    expect(transport.pending('message:send')).toHaveLength(1);
    stale.timeOut();
    await flush();
    expect(transport.take('message:send').payload).toEqual({ clientId: 'client-id-1', body: 'in flight' });
  });

  it('marks a refused message failed, and retry sends it again', async () => {
    const { transport, chat } = ctx;
    chat.send('bad');
    transport.take('message:send').reply({ ok: false, error: { code: 'invalid_payload', message: 'nope' } });
    await flush();
    expect(chat.view.get().pending).toMatchObject([{ status: 'failed', error: 'nope' }]);
    chat.retry('client-id-1');
    expect(chat.view.get().pending).toMatchObject([{ status: 'sending' }]);
    expect(transport.take('message:send').payload.clientId).toBe('client-id-1');
  });

  it('clears a pending message when its event arrives live before the ack', async () => {
    const { transport, chat } = ctx;
    chat.send('hi');
    transport.emit('message:created', { event: visitorMessage(1, 'client-id-1', 'hi'), conversation: conversation({ lastSeq: 1 }) });
    expect(chat.view.get().pending).toEqual([]);
    transport
      .take('message:send')
      .reply({ ok: true, data: { event: visitorMessage(1, 'client-id-1', 'hi'), conversation: conversation({ lastSeq: 1 }) } });
    await flush();
    expect(seqs(chat.view.get().events)).toEqual([1]);
  });

  it('reports visitor typing only while connected', () => {
    const { transport, chat } = ctx;
    chat.draftChanged('h');
    chat.send('h');
    expect(transport.notifications).toEqual([{ typing: true }, { typing: false }]);
    transport.drop();
    chat.draftChanged('x');
    expect(transport.notifications).toHaveLength(2);
  });
});

describe('ChatSession live facts', () => {
  afterEach(() => vi.useRealTimers());

  it('counts agent messages after the history loads, not the history itself', async () => {
    const { transport, onAgentMessage } = setup();
    transport.establish(session(conversation({ lastSeq: 1 })));
    transport
      .take('conversation:sync')
      .reply({ ok: true, data: { conversation: conversation({ lastSeq: 1 }), events: [message(1)], hasMore: false } });
    await flush();
    expect(onAgentMessage).not.toHaveBeenCalled();
    transport.emit('message:created', { event: message(2), conversation: conversation({ lastSeq: 2 }) });
    transport.emit('message:created', { event: message(2), conversation: conversation({ lastSeq: 2 }) });
    expect(onAgentMessage).toHaveBeenCalledTimes(1);
  });

  it('shows the agent typing until told otherwise, or for 6 s without news', async () => {
    vi.useFakeTimers();
    const { transport, chat } = setup();
    transport.establish(session(conversation()));
    await flush();
    transport.emit('typing:changed', { conversationId: CONVERSATION_ID, typing: true, name: 'Marta' });
    expect(chat.view.get().agentTyping).toBe('Marta');
    transport.emit('typing:changed', { conversationId: CONVERSATION_ID, typing: false, name: 'Marta' });
    expect(chat.view.get().agentTyping).toBeNull();
    transport.emit('typing:changed', { conversationId: CONVERSATION_ID, typing: true, name: 'Marta' });
    vi.advanceTimersByTime(AGENT_TYPING_TTL_MS);
    expect(chat.view.get().agentTyping).toBeNull();
  });

  it('ends the conversation and applies the closed status', async () => {
    const { transport, chat } = setup();
    transport.establish(session(conversation({ lastSeq: 1 })));
    transport
      .take('conversation:sync')
      .reply({ ok: true, data: { conversation: conversation({ lastSeq: 1 }), events: [message(1)], hasMore: false } });
    await flush();
    const closing = chat.closeConversation();
    const request = transport.take('conversation:close');
    expect(request.payload).toEqual({ conversationId: CONVERSATION_ID });
    request.reply({ ok: true, data: { event: statusEvent(2, 'closed'), conversation: conversation({ lastSeq: 2, status: 'closed' }) } });
    await closing;
    expect(chat.view.get().conversation?.status).toBe('closed');
    expect(seqs(chat.view.get().events)).toEqual([1, 2]);
  });

  it('switches to a newer conversation and ignores facts about an older one', async () => {
    const { transport, chat } = setup();
    transport.establish(session(conversation({ lastSeq: 1, status: 'closed' })));
    await flush();
    const newer = conversation({ id: 'cnv_new', lastSeq: 1, createdAt: 5_000 });
    transport.emit('message:created', { event: message(1, { conversationId: 'cnv_new' }), conversation: newer });
    expect(chat.view.get().conversation?.id).toBe('cnv_new');
    transport.emit('conversation:changed', {
      event: statusEvent(2, 'closed'),
      conversation: conversation({ lastSeq: 2, status: 'closed' }),
    });
    expect(chat.view.get().conversation?.id).toBe('cnv_new');
    expect(seqs(chat.view.get().events)).toEqual([1]);
  });
});
