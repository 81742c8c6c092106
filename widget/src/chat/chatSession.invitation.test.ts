import { describe, expect, it } from 'vitest';
import { flush } from '../transport/fakeTransport.ts';
import { conversation, message } from './testEvents.ts';
import { session, setup, visitorMessage } from './testSession.ts';

const invitation = { firingId: 'firing-7-xxxx', body: 'Can we help?', name: 'Marta', teaser: true };

describe('ChatSession invitations', () => {
  it('keeps the firing id with a reply that waits for the connection, across a reload', async () => {
    const { chat, backend } = setup();
    chat.invite(invitation);
    chat.send('Yes');
    chat.dispose();
    const reloaded = setup(backend);
    // The invitation itself belongs to the page that showed it.
    expect(reloaded.chat.view.get().invitation).toBeNull();
    reloaded.transport.establish(session(null));
    await flush();
    expect(reloaded.transport.take('message:send').payload).toEqual({ clientId: 'client-id-1', body: 'Yes', trigger: 'firing-7-xxxx' });
  });

  it('reports a teaser opened once, when the visitor first sees it', () => {
    const { chat, transport } = setup();
    chat.invite(invitation);
    chat.invitationSeen();
    chat.invitationSeen();
    expect(chat.view.get().invitation).toEqual({ ...invitation, teaser: false });
    expect(transport.notified).toEqual([{ event: 'trigger:opened', payload: { firingId: 'firing-7-xxxx' } }]);
  });

  it('drops the invitation when an agent starts a conversation meanwhile', async () => {
    const { chat, transport } = setup();
    transport.establish(session(null));
    await flush();
    chat.invite(invitation);
    transport.emit('message:created', { event: message(1), conversation: conversation({ origin: 'agent', lastSeq: 1 }) });
    expect(chat.view.get().invitation).toBeNull();
  });

  it('knows whether the visitor is typing, for the triggers', async () => {
    const { chat, transport } = setup();
    transport.establish(session(null));
    await flush();
    // Before any keystroke the visitor is not typing: a trigger held back "while typing" may fire.
    expect(chat.drafting).toBe(false);
    chat.draftChanged('  ');
    expect(chat.drafting).toBe(false);
    chat.draftChanged('Hola');
    expect(chat.drafting).toBe(true);
    chat.send('Hola');
    expect(chat.drafting).toBe(false);
    transport
      .take('message:send')
      .reply({ ok: true, data: { event: visitorMessage(1, 'client-id-1', 'Hola'), conversation: conversation({ lastSeq: 1 }) } });
  });
});
