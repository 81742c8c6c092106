import { afterEach, describe, expect, it, vi } from 'vitest';
import { flush } from '../transport/fakeTransport.ts';
import { READ_MARK_INTERVAL_MS } from './readReporter.ts';
import { CONVERSATION_ID, conversation, message } from './testEvents.ts';
import { session, setup, visitorMessage } from './testSession.ts';

async function chatWithHistory() {
  const ctx = setup();
  ctx.transport.establish(session(conversation({ lastSeq: 3, agentReadSeq: 1 })));
  ctx.transport.take('conversation:sync').reply({
    ok: true,
    data: {
      conversation: conversation({ lastSeq: 3, agentReadSeq: 1 }),
      events: [visitorMessage(1, 'client-a-xxxxxxxx', 'Hola'), message(2), visitorMessage(3, 'client-b-xxxxxxxx', 'I un altre')],
      hasMore: false,
    },
  });
  await flush();
  return ctx;
}

const marks = (transport: ReturnType<typeof setup>['transport']) => transport.notified.filter((n) => n.event === 'read:mark');

describe('read receipts in the widget', () => {
  afterEach(() => vi.useRealTimers());

  it('keeps the agents’ mark from the session and moves it forward only, whatever brings it', async () => {
    const { transport, chat } = await chatWithHistory();
    expect(chat.view.get().agentReadSeq).toBe(1);
    transport.emit('read:marked', { conversationId: CONVERSATION_ID, agentReadSeq: 3 });
    expect(chat.view.get().agentReadSeq).toBe(3);
    // An older conversation view (an ack built before the mark) does not take it back.
    transport.emit('message:created', { event: message(4), conversation: conversation({ lastSeq: 4, agentReadSeq: 1 }) });
    expect(chat.view.get().agentReadSeq).toBe(3);
    transport.emit('read:marked', { conversationId: 'cnv_other', agentReadSeq: 9 });
    expect(chat.view.get().agentReadSeq).toBe(3);
  });

  it('sends one mark for the last agent message seen, folded over a second, and none for a mark already sent', async () => {
    vi.useFakeTimers();
    const { transport, chat } = await chatWithHistory();
    chat.markSeen();
    chat.markSeen();
    transport.emit('message:created', { event: message(4), conversation: conversation({ lastSeq: 4 }) });
    chat.markSeen();
    expect(marks(transport)).toEqual([]);
    vi.advanceTimersByTime(READ_MARK_INTERVAL_MS);
    expect(marks(transport)).toEqual([{ event: 'read:mark', payload: { conversationId: CONVERSATION_ID, seq: 4 } }]);

    // The visitor's own message is no reason to mark again.
    transport.emit('message:created', {
      event: visitorMessage(5, 'client-c-xxxxxxxx', 'Gràcies'),
      conversation: conversation({ lastSeq: 5 }),
    });
    chat.markSeen();
    vi.advanceTimersByTime(READ_MARK_INTERVAL_MS);
    expect(marks(transport)).toHaveLength(1);
  });

  it('marks again after a reconnect, in case the last mark was lost with the old socket', async () => {
    vi.useFakeTimers();
    const { transport, chat } = await chatWithHistory();
    chat.markSeen();
    vi.advanceTimersByTime(READ_MARK_INTERVAL_MS);
    transport.drop();
    transport.establish(session(conversation({ lastSeq: 3, agentReadSeq: 2 })));
    expect(chat.view.get().agentReadSeq).toBe(2);
    transport
      .take('conversation:sync')
      .reply({ ok: true, data: { conversation: conversation({ lastSeq: 3 }), events: [], hasMore: false } });
    await vi.advanceTimersByTimeAsync(0);
    chat.markSeen();
    vi.advanceTimersByTime(READ_MARK_INTERVAL_MS);
    expect(marks(transport).map((m) => m.payload)).toEqual([
      { conversationId: CONVERSATION_ID, seq: 2 },
      { conversationId: CONVERSATION_ID, seq: 2 },
    ]);
  });
});
