import type { SessionEstablished } from '@mostrador/shared';
import { act, cleanup, fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatSession } from '../chat/chatSession.ts';
import { closedChange, CONVERSATION_ID, conversation, message } from '../chat/testEvents.ts';
import { firstVisit, quietSite } from '../chat/testSession.ts';
import { createVisitorStorage } from '../chat/visitorStorage.ts';
import { FakeTransport, flush } from '../transport/fakeTransport.ts';
import { createPanelState } from './panelState.ts';
import { renderWidgetInEnglish } from './testRender.tsx';

let transport: FakeTransport;
let chat: ChatSession;
let container: HTMLElement;

const $ = <E extends Element = HTMLElement>(selector: string) => container.querySelector<E>(selector);

async function serverSays(run: () => void) {
  await act(async () => {
    run();
    await flush();
  });
}

/** A chat with Marta that has just ended, the panel open. */
async function endedChat(contact: SessionEstablished['contact']) {
  transport = new FakeTransport();
  chat = new ChatSession({ transport, storage: createVisitorStorage('site', null), createClientId: () => 'client-id-1' });
  container = renderWidgetInEnglish(chat, createPanelState());
  chat.start();
  await serverSays(() =>
    transport.establish({
      visitorId: 'vis_1',
      token: 'tok',
      conversation: null,
      site: { name: 'La Botiga', departments: [], typingPreview: false, ...quietSite },
      visit: firstVisit,
      contact,
    }),
  );
  fireEvent.click($('button[data-part="launcher"]')!);
  await serverSays(() => transport.emit('message:created', { event: message(1), conversation: conversation({ lastSeq: 1 }) }));
  expect($('[data-part="transcript"]')).toBeNull();
  await serverSays(() => transport.emit('conversation:changed', closedChange(2)));
}

afterEach(() => {
  chat.dispose();
  cleanup();
});

describe('the transcript by email', () => {
  it('is one button at the end of a chat when the shop knows the shopper’s email', async () => {
    await endedChat({ email: 'anna@example.com', name: 'Anna' });
    const form = $('form[data-part="transcript"]')!;
    expect(form.textContent).toBe('Email me this conversation');
    expect(form.querySelector('input')).toBeNull();
    fireEvent.submit(form);
    const request = transport.take('transcript:email');
    expect(request.payload).toEqual({ conversationId: CONVERSATION_ID });
    await serverSays(() => request.reply({ ok: true, data: { email: 'anna@example.com' } }));
    expect($('[data-part="transcript-sent"]')!.textContent).toBe('Sent to anna@example.com.');
  });

  it('asks for an email when the shop has none, and says so when it could not be sent', async () => {
    await endedChat(null);
    fireEvent.submit($('form[data-part="transcript"]')!);
    const field = $<HTMLInputElement>('form[data-part="transcript"] input[name="email"]')!;
    expect(field.getAttribute('aria-label')).toBe('Your email');
    fireEvent.input(field, { target: { value: ' me@example.com ' } });
    fireEvent.submit($('form[data-part="transcript"]')!);
    const refused = transport.take('transcript:email');
    expect(refused.payload).toEqual({ conversationId: CONVERSATION_ID, email: 'me@example.com' });
    await serverSays(() => refused.reply({ ok: false, error: { code: 'conflict', message: 'already sent' } }));
    expect($('form[data-part="transcript"] [role="alert"]')!.textContent).toBe("It couldn't be sent. Try again in a moment.");

    fireEvent.submit($('form[data-part="transcript"]')!);
    const again = transport.take('transcript:email');
    await serverSays(() => again.reply({ ok: true, data: { email: 'me@example.com' } }));
    expect($('[data-part="transcript-sent"]')!.textContent).toBe('Sent to me@example.com.');
  });
});
