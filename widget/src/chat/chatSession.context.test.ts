import { describe, expect, it } from 'vitest';
import { flush } from '../transport/fakeTransport.ts';
import { conversation, joinedEvent, message } from './testEvents.ts';
import { session, setup } from './testSession.ts';

describe('ChatSession and the shop context', () => {
  it('masks card numbers in a sent message before it leaves the page', async () => {
    const { transport, chat } = setup();
    transport.establish(session(null));
    await flush();
    chat.send('la meva targeta és 4111 1111 1111 1111, el telèfon +34 612 345 678');
    const sent = transport.take('message:send');
    expect(sent.payload.body).toBe('la meva targeta és •••• •••• •••• 1111, el telèfon +34 612 345 678');
    expect(chat.view.get().pending[0]?.body).toBe(sent.payload.body);
  });

  it('sends the draft only when the site allows typing preview', async () => {
    const plain = setup();
    plain.transport.establish(session(null));
    await flush();
    plain.chat.draftChanged('Hola, tinc');
    expect(plain.transport.notifications).toEqual([{ typing: true }]);

    const previewing = setup();
    previewing.transport.establish(session(null, 'tok-1', true));
    await flush();
    previewing.chat.draftChanged('Hola, tinc');
    expect(previewing.transport.notifications).toEqual([{ typing: true, draft: 'Hola, tinc' }]);
    previewing.chat.send('Hola, tinc un dubte');
    expect(previewing.transport.notifications.at(-1)).toEqual({ typing: false });
  });

  it('opens for the first agent message of a conversation the agent started, not for replies', async () => {
    const { transport, onInvitation } = setup();
    transport.establish(session(null));
    await flush();
    const proactive = conversation({ origin: 'agent', lastSeq: 1 });
    transport.emit('conversation:changed', { event: joinedEvent(1), conversation: proactive });
    expect(onInvitation).not.toHaveBeenCalled();
    transport.emit('message:created', { event: message(2), conversation: { ...proactive, lastSeq: 2 } });
    expect(onInvitation).toHaveBeenCalledTimes(1);
    transport.emit('message:created', { event: message(3), conversation: { ...proactive, lastSeq: 3 } });
    expect(onInvitation).toHaveBeenCalledTimes(1);
  });

  it('does not treat a conversation the visitor started as an invitation', async () => {
    const { transport, onInvitation } = setup();
    transport.establish(session(null));
    await flush();
    transport.emit('message:created', { event: message(1), conversation: conversation({ lastSeq: 1 }) });
    expect(onInvitation).not.toHaveBeenCalled();
  });
});
