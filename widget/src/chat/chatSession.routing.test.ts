import type { SessionEstablished, VisitorConversation } from '@mostrador/shared';
import { describe, expect, it } from 'vitest';
import { flush } from '../transport/fakeTransport.ts';
import { CONVERSATION_ID, conversation, message } from './testEvents.ts';
import { memoryBackend, quietSite, session, setup, visitorMessage } from './testSession.ts';

describe('ChatSession departments and queue', () => {
  const withDepartments = (conv: VisitorConversation | null): SessionEstablished => ({
    ...session(conv),
    site: { name: 'Botiga', departments: [{ slug: 'sales', name: 'Sales' }], typingPreview: false, ...quietSite },
  });

  it('sends the department with every message while no conversation is open, and not after', async () => {
    const { transport, chat, storage } = setup();
    chat.setDepartment('sales');
    expect(storage.read().department).toBe('sales');
    transport.establish(withDepartments(null));
    await flush();
    chat.send('first');
    const first = transport.take('message:send');
    expect(first.payload).toEqual({ clientId: 'client-id-1', body: 'first', department: 'sales' });
    first.reply({ ok: true, data: { event: visitorMessage(1, 'client-id-1', 'first'), conversation: conversation({ lastSeq: 1 }) } });
    await flush();
    chat.send('second');
    expect(transport.take('message:send').payload.department).toBeUndefined();
  });

  it("sends the visitor's pick, then forgets it once the conversation exists; the shop's stays", async () => {
    const { transport, chat, storage } = setup();
    transport.establish(withDepartments(null));
    await flush();
    expect(chat.view.get()).toMatchObject({ departments: [{ slug: 'sales', name: 'Sales' }], department: null });
    chat.pickDepartment('sales');
    expect(chat.view.get().department).toBe('sales');
    chat.send('hola');
    const send = transport.take('message:send');
    expect(send.payload.department).toBe('sales');
    send.reply({ ok: true, data: { event: visitorMessage(1, 'client-id-1', 'hola'), conversation: conversation({ lastSeq: 1 }) } });
    await flush();
    expect(chat.view.get().department).toBeNull();
    expect(storage.read().picked).toBeUndefined();
  });

  it('reads a department set on an earlier page', () => {
    const backend = memoryBackend();
    setup(backend).chat.setDepartment('sales');
    expect(setup(backend).chat.view.get().department).toBe('sales');
  });

  it('takes the queue position from queue:updated and from conversations in acks and syncs, the latest winning', async () => {
    const { transport, chat } = setup();
    const queued = (position: number) => ({ position, estimatedWaitSeconds: position * 60 });
    transport.establish(session(conversation({ lastSeq: 1, queue: queued(3) })));
    expect(chat.view.get().conversation?.queue).toEqual(queued(3));
    transport
      .take('conversation:sync')
      .reply({ ok: true, data: { conversation: conversation({ lastSeq: 1, queue: queued(2) }), events: [message(1)], hasMore: false } });
    await flush();
    expect(chat.view.get().conversation?.queue).toEqual(queued(2));
    transport.emit('queue:updated', { conversationId: CONVERSATION_ID, queue: queued(1) });
    expect(chat.view.get().conversation?.queue).toEqual(queued(1));
    transport.emit('queue:updated', { conversationId: 'cnv_other', queue: queued(9) });
    expect(chat.view.get().conversation?.queue).toEqual(queued(1));
    transport.emit('queue:updated', { conversationId: CONVERSATION_ID, queue: null });
    expect(chat.view.get().conversation?.queue).toBeNull();
  });
});
