import type { SessionEstablished } from '@mostrador/shared';
import { MAX_MESSAGE_CHARS } from '@mostrador/shared/limits';
import { act, cleanup, fireEvent } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatSession } from '../chat/chatSession.ts';
import { closedChange, CONVERSATION_ID, conversation, message } from '../chat/testEvents.ts';
import { firstVisit, quietSite } from '../chat/testSession.ts';
import { createVisitorStorage } from '../chat/visitorStorage.ts';
import { FakeTransport, flush } from '../transport/fakeTransport.ts';
import { createPanelState, type PanelState } from './panelState.ts';
import { renderWidgetInEnglish } from './testRender.tsx';

const established: SessionEstablished = {
  visitorId: 'vis_1',
  token: 'tok',
  conversation: null,
  site: { name: 'La Botiga', departments: [], typingPreview: false, ...quietSite },
  visit: firstVisit,
};

let transport: FakeTransport;
let panel: PanelState;
let chat: ChatSession;
let container: HTMLElement;

beforeEach(async () => {
  transport = new FakeTransport();
  panel = createPanelState();
  let ids = 0;
  chat = new ChatSession({
    transport,
    storage: createVisitorStorage('site', null),
    onAgentMessage: panel.noteAgentMessage,
    createClientId: () => `client-id-${++ids}`,
  });
  container = renderWidgetInEnglish(chat, panel);
  chat.start();
  await act(async () => {
    transport.establish(established);
    await flush();
  });
});

afterEach(() => {
  chat.dispose();
  cleanup();
});

const $ = <E extends Element = HTMLElement>(selector: string) => container.querySelector<E>(selector);
const launcher = () => $<HTMLButtonElement>('button[data-part="launcher"]')!;
const composer = () => $<HTMLTextAreaElement>('textarea[data-part="composer"]')!;
const sendButton = () => $<HTMLButtonElement>('button[data-part="send"]')!;
const messages = () => [...container.querySelectorAll<HTMLElement>('[data-part="message"]')];

function openPanel() {
  fireEvent.click(launcher());
}

function type(text: string) {
  fireEvent.input(composer(), { target: { value: text } });
}

async function serverSays(run: () => void) {
  await act(async () => {
    run();
    await flush();
  });
}

describe('launcher and panel', () => {
  it('opens and closes the panel with the launcher, focusing the composer on open', () => {
    expect($('[data-part="panel"]')).toBeNull();
    expect(launcher().getAttribute('aria-expanded')).toBe('false');
    openPanel();
    const panelElement = $('[data-part="panel"]')!;
    expect(panelElement.getAttribute('role')).toBe('dialog');
    expect(panelElement.getAttribute('aria-labelledby')).toBeTruthy();
    expect(container.querySelector(`#${panelElement.getAttribute('aria-labelledby')}`)?.textContent).toBe('La Botiga');
    expect(launcher().getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(composer());
    fireEvent.click(launcher());
    expect($('[data-part="panel"]')).toBeNull();
  });

  it('closes on Escape and returns focus to the launcher', () => {
    openPanel();
    fireEvent.keyDown(composer(), { key: 'Escape' });
    expect($('[data-part="panel"]')).toBeNull();
    expect(document.activeElement).toBe(launcher());
  });

  it('has a labelled log that is not itself live, a polite announcer beside it, and an accessible launcher label', () => {
    openPanel();
    const log = $('[role="log"]')!;
    expect(log.getAttribute('aria-live')).toBe('off');
    expect(log.getAttribute('aria-label')).toBe('Messages');
    expect($('[data-part="announcements"]')?.getAttribute('aria-live')).toBe('polite');
    expect(launcher().getAttribute('aria-label')).toBe('Close chat');
  });

  it('keeps the draft when the panel is closed and reopened', () => {
    openPanel();
    type('half a thought');
    fireEvent.click(launcher());
    openPanel();
    expect(composer().value).toBe('half a thought');
  });
});

describe('composer', () => {
  beforeEach(openPanel);

  it('sends on Enter, shows the message as sending, and clears the field', () => {
    type('Hola!');
    fireEvent.keyDown(composer(), { key: 'Enter' });
    expect(transport.take('message:send').payload).toEqual({ clientId: 'client-id-1', body: 'Hola!' });
    expect(composer().value).toBe('');
    const [sent] = messages();
    expect(sent?.dataset).toMatchObject({ author: 'visitor', status: 'sending' });
    expect(sent?.querySelector('[data-part="body"]')?.textContent).toBe('Hola!');
  });

  it('replaces the pending message with the acknowledged one', async () => {
    type('Hola!');
    fireEvent.click(sendButton());
    const send = transport.take('message:send');
    await serverSays(() =>
      send.reply({
        ok: true,
        data: {
          event: message(1, { author: { kind: 'visitor', id: 'vis_1', name: null }, clientId: 'client-id-1', body: 'Hola!' }),
          conversation: conversation({ lastSeq: 1 }),
        },
      }),
    );
    expect(messages().map((m) => m.dataset.status)).toEqual(['sent']);
  });

  it('does not send on Shift+Enter', () => {
    type('line one');
    const notPrevented = fireEvent.keyDown(composer(), { key: 'Enter', shiftKey: true });
    expect(notPrevented).toBe(true);
    expect(transport.pending('message:send')).toHaveLength(0);
  });

  it('never sends a blank message', () => {
    type('   \n  ');
    fireEvent.keyDown(composer(), { key: 'Enter' });
    expect(sendButton().disabled).toBe(true);
    expect(transport.pending('message:send')).toHaveLength(0);
    expect(messages()).toHaveLength(0);
  });

  it('shows a counter near the limit and blocks sending over it', () => {
    type('x'.repeat(MAX_MESSAGE_CHARS - 10));
    expect($('[data-part="counter"]')?.textContent).toBe('10 characters left');
    type('x'.repeat(MAX_MESSAGE_CHARS + 3));
    expect($('[data-part="counter"]')?.textContent).toBe('3 characters over the limit');
    expect(composer().getAttribute('aria-invalid')).toBe('true');
    expect(sendButton().disabled).toBe(true);
    fireEvent.keyDown(composer(), { key: 'Enter' });
    expect(transport.pending('message:send')).toHaveLength(0);
  });

  it('marks a refused message failed and retries it', async () => {
    type('nope');
    fireEvent.keyDown(composer(), { key: 'Enter' });
    await serverSays(() => transport.take('message:send').reply({ ok: false, error: { code: 'invalid_payload', message: 'bad' } }));
    expect(messages()[0]?.dataset.status).toBe('failed');
    fireEvent.click($('button[data-part="retry"]')!);
    expect(messages()[0]?.dataset.status).toBe('sending');
    expect(transport.take('message:send').payload.clientId).toBe('client-id-1');
  });
});

describe('when the server asks to slow down', () => {
  it('keeps the message as sending and tells the shopper politely', async () => {
    openPanel();
    type('again');
    fireEvent.keyDown(composer(), { key: 'Enter' });
    await serverSays(() =>
      transport.take('message:send').reply({ ok: false, error: { code: 'rate_limited', message: 'slow down', retryAfterMs: 60_000 } }),
    );
    expect(messages()[0]?.dataset.status).toBe('sending');
    expect([...container.querySelectorAll('[role="status"]')].map((e) => e.textContent)).toContain(
      "One moment: we'll send your message shortly.",
    );
  });
});

describe('what the server tells', () => {
  const agentSays = (seq: number, body: string) =>
    serverSays(() => transport.emit('message:created', { event: message(seq, { body }), conversation: conversation({ lastSeq: seq }) }));

  it('renders message bodies as literal text, never HTML, keeping line breaks', async () => {
    openPanel();
    await agentSays(1, '<b>x</b>\nsecond line');
    const body = messages()[0]!.querySelector('[data-part="body"]')!;
    expect(body.textContent).toBe('<b>x</b>\nsecond line');
    expect(body.querySelector('b')).toBeNull();
    expect(messages()[0]?.dataset.author).toBe('agent');
  });

  it('shows an unread badge for agent messages while closed, cleared on open', async () => {
    await agentSays(1, 'Bon dia');
    await agentSays(2, 'Som aquí');
    expect($('[data-part="unread"]')?.textContent).toBe('2');
    expect(launcher().getAttribute('aria-label')).toBe('Open chat (2 unread)');
    openPanel();
    expect($('[data-part="unread"]')).toBeNull();
    await agentSays(3, 'Seen at once');
    expect($('[data-part="unread"]')).toBeNull();
  });

  it('shows who is typing, and the closed status as a system line', async () => {
    openPanel();
    await agentSays(1, 'Hi');
    await serverSays(() => transport.emit('typing:changed', { conversationId: CONVERSATION_ID, typing: true, name: 'Marta' }));
    expect($('[data-part="typing"]')?.textContent).toBe('Marta is typing…');
    await serverSays(() => transport.emit('conversation:changed', closedChange(2)));
    const system = messages().at(-1)!;
    expect(system.dataset).toMatchObject({ author: 'system', status: 'sent' });
    expect(system.textContent).toBe('The conversation was closed');
  });

  it('offers to end an open conversation', async () => {
    openPanel();
    expect($('[data-part="end-chat"]')).toBeNull();
    await agentSays(1, 'Hi');
    fireEvent.click($('[data-part="end-chat"]')!);
    expect(transport.take('conversation:close').payload).toEqual({ conversationId: CONVERSATION_ID });
  });

  it('says so while reconnecting', async () => {
    openPanel();
    expect($('[data-part="connection"]')).toBeNull();
    await serverSays(() => transport.drop());
    expect($('[data-part="connection"]')?.textContent).toBe('Reconnecting…');
    await serverSays(() => transport.establish(established));
    expect($('[data-part="connection"]')).toBeNull();
  });
});
