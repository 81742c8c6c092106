import { describe, expect, it } from 'vitest';
import { flush } from '../transport/fakeTransport.ts';
import { CONVERSATION_ID, conversation, message, statusEvent } from './testEvents.ts';
import { session, setup } from './testSession.ts';

/** A session whose site asks for a rating and, now and then, the NPS question; one open conversation with a message. */
async function chatting(feedback = { rating: true, nps: true }) {
  const harness = setup();
  const { transport } = harness;
  const greeting = session(conversation({ lastSeq: 1 }));
  transport.establish({ ...greeting, site: { ...greeting.site, feedback }, hasEarlier: true });
  transport.take('conversation:sync').reply({
    ok: true,
    data: { conversation: conversation({ lastSeq: 1 }), events: [message(1)], hasMore: false },
  });
  await flush();
  return harness;
}

describe('the end of a chat in the widget', () => {
  it('asks for a rating once the conversation ends, sends it, then asks the NPS question', async () => {
    const { transport, chat } = await chatting();
    expect(chat.view.get().ending ?? null).toBeNull();

    transport.emit('conversation:changed', {
      event: statusEvent(2, 'closed'),
      conversation: conversation({ lastSeq: 2, status: 'closed' }),
    });
    expect(chat.view.get().ending).toEqual({ conversationId: CONVERSATION_ID, rating: 'ask', nps: null });

    void chat.endOfChat.rate(2, '  Slow answer ');
    expect(chat.view.get().ending?.rating).toBe('sending');
    const sent = transport.take('rating:submit');
    expect(sent.payload).toEqual({ conversationId: CONVERSATION_ID, score: 2, comment: 'Slow answer' });
    sent.reply({ ok: true, data: { score: 2, comment: 'Slow answer', createdAt: 5 } });
    await flush();
    expect(chat.view.get().ending).toEqual({ conversationId: CONVERSATION_ID, rating: 'thanks', nps: 'ask' });

    void chat.endOfChat.answerNps(8);
    transport.take('nps:submit').reply({ ok: true, data: { score: 8, createdAt: 6 } });
    await flush();
    expect(chat.view.get().ending?.nps).toBe('thanks');
    expect(chat.view.get().feedback).toEqual({ rating: true, nps: false });
  });

  it('masks a card number in the comment before it leaves the page', async () => {
    const { transport, chat } = await chatting();
    transport.emit('conversation:changed', {
      event: statusEvent(2, 'closed'),
      conversation: conversation({ lastSeq: 2, status: 'closed' }),
    });
    void chat.endOfChat.rate(5, 'Paid with 4111 1111 1111 1111, thanks');
    expect(transport.take('rating:submit').payload.comment).not.toContain('4111 1111 1111 1111');
  });

  it('asks nothing when the site asks nothing', async () => {
    const { transport, chat } = await chatting({ rating: false, nps: false });
    transport.emit('conversation:changed', {
      event: statusEvent(2, 'closed'),
      conversation: conversation({ lastSeq: 2, status: 'closed' }),
    });
    expect(chat.view.get().ending ?? null).toBeNull();
  });

  it('keeps the ended conversation above a new one, and loads older ones on demand', async () => {
    const { transport, chat } = await chatting();
    transport.emit('conversation:changed', {
      event: statusEvent(2, 'closed'),
      conversation: conversation({ lastSeq: 2, status: 'closed' }),
    });
    const next = { ...message(1, { conversationId: 'cnv_next', body: 'A new question' }) };
    transport.emit('message:created', { event: next, conversation: conversation({ id: 'cnv_next', lastSeq: 1, createdAt: 9_000 }) });

    const view = chat.view.get();
    expect(view.conversation?.id).toBe('cnv_next');
    expect(view.earlier?.map((t) => [t.id, t.events.map((e) => e.seq)])).toEqual([[CONVERSATION_ID, [1, 2]]]);
    expect(view.ending ?? null).toBeNull();
    expect(view.earlierMore).toBe(true);

    void chat.endOfChat.loadEarlier();
    const listed = transport.take('conversation:earlier');
    expect(listed.payload).toEqual({ before: 1_000 });
    listed.reply({ ok: true, data: { conversations: [{ id: 'cnv_old', createdAt: 500, closedAt: 600 }], hasMore: false } });
    await flush();
    const sync = transport.take('conversation:sync');
    expect(sync.payload).toEqual({ conversationId: 'cnv_old', afterSeq: 0 });
    sync.reply({
      ok: true,
      data: {
        conversation: conversation({ id: 'cnv_old', status: 'closed', createdAt: 500 }),
        events: [message(1, { conversationId: 'cnv_old', body: 'Long ago' })],
        hasMore: false,
      },
    });
    await flush();
    expect(chat.view.get().earlier?.map((t) => t.id)).toEqual(['cnv_old', CONVERSATION_ID]);
    expect(chat.view.get().earlierMore).toBe(false);
  });
});
