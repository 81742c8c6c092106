import { act } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { conversation, message } from '../chat/testEvents.ts';
import { memoryBackend, session } from '../chat/testSession.ts';
import { storageKey } from '../chat/visitorStorage.ts';
import * as panelChunk from '../panel/mountPanel.tsx';
import { flush } from '../transport/fakeTransport.ts';
import { startWidget } from './startWidget.tsx';
import { config, environment } from './testEnvironment.ts';

const shadow = () => document.getElementById('mostrador-widget')!.shadowRoot!;
const launcher = () => shadow().querySelector<HTMLButtonElement>('button[data-part="launcher"]')!;

afterEach(() => {
  document.body.replaceChildren();
});

function startWithPanelSpy() {
  const loadPanel = vi.fn(() => panelChunk);
  const storage = memoryBackend();
  const { env, transports } = environment({ loadPanel, storage });
  act(() => void startWidget(config, env));
  return { loadPanel, storage, transport: transports[0]! };
}

/** The page is greeted with no conversation; then an agent opens one with a message. */
async function agentWritesFirst(transport: ReturnType<typeof startWithPanelSpy>['transport']) {
  await act(async () => {
    transport.establish(session(null));
    await flush();
  });
  const invited = conversation({ origin: 'agent', lastSeq: 1 });
  await act(async () => {
    transport.emit('message:created', { event: message(1), conversation: invited });
    await flush();
  });
  return invited;
}

describe('before the visitor acts', () => {
  it('shows the launcher, keeps the visitor token and counts agent messages without the panel chunk; the first click brings the panel, already connected', async () => {
    const { loadPanel, storage, transport } = startWithPanelSpy();
    await act(async () => {
      transport.establish(session(conversation(), 'tok-7'));
      await flush();
    });
    expect(JSON.parse(storage.getItem(storageKey('site_1'))!)).toMatchObject({ token: 'tok-7', conversationId: 'cnv_test1' });
    act(() => transport.emit('message:created', { event: message(1), conversation: conversation({ lastSeq: 1 }) }));
    expect(shadow().querySelector('[data-part="unread"]')?.textContent).toBe('1');
    expect(launcher().getAttribute('aria-label')).toBe('Open chat (1 unread)');
    expect(loadPanel).not.toHaveBeenCalled();
    expect(shadow().querySelector('[data-part="panel"]')).toBeNull();

    await act(async () => {
      launcher().click();
      await flush();
    });
    expect(loadPanel).toHaveBeenCalledTimes(1);
    const panel = shadow().querySelector('[data-part="panel"]')!;
    // The chat started after the session was established, and knows it: no "connecting" line, a composer.
    expect(panel.querySelector('[data-part="connection"]')).toBeNull();
    expect(panel.querySelector('textarea[data-part="composer"]')).not.toBeNull();
    expect(shadow().activeElement).toBe(panel.querySelector('textarea[data-part="composer"]'));
    expect(shadow().querySelector('[data-part="unread"]')).toBeNull();
    // Its connection is the page's: starting the chat did not connect again.
    expect(transport.connectCalls).toBe(1);
  });

  it('loads and opens the panel when an agent writes first (an invitation)', async () => {
    const { loadPanel, transport } = startWithPanelSpy();
    await agentWritesFirst(transport);
    expect(loadPanel).toHaveBeenCalledTimes(1);
    expect(shadow().querySelector('[data-part="panel"]')).not.toBeNull();
  });
});

describe('prefetching the panel chunk', () => {
  it('fetches it once when the pointer comes near the launcher, not when it moves far away', () => {
    const { loadPanel } = startWithPanelSpy();
    // jsdom lays nothing out (the launcher is a point at 0,0) and has no PointerEvent: a MouseEvent carries the same coordinates.
    document.dispatchEvent(new MouseEvent('pointermove', { clientX: 900, clientY: 700 }));
    expect(loadPanel).not.toHaveBeenCalled();
    document.dispatchEvent(new MouseEvent('pointermove', { clientX: 100, clientY: 100 }));
    document.dispatchEvent(new MouseEvent('pointermove', { clientX: 50, clientY: 50 }));
    expect(loadPanel).toHaveBeenCalledTimes(1);
    expect(shadow().querySelector('[data-part="panel"]')).toBeNull();
  });

  it('fetches it when the launcher gets keyboard focus', () => {
    const { loadPanel } = startWithPanelSpy();
    act(() => launcher().focus());
    expect(loadPanel).toHaveBeenCalledTimes(1);
    expect(shadow().querySelector('[data-part="panel"]')).toBeNull();
  });
});

describe('a chat that starts after the conversation did', () => {
  it('is told of the conversation an agent opened after the greeting, and shows its log', async () => {
    const { transport } = startWithPanelSpy();
    const invited = await agentWritesFirst(transport);
    // The late chat asks for the log of the conversation it was told of, and shows it.
    const history = transport.take('conversation:sync');
    expect(history.payload).toMatchObject({ conversationId: invited.id });
    await act(async () => {
      history.reply({ ok: true, data: { conversation: invited, events: [message(1)], hasMore: false } });
      await flush();
    });
    const lines = [...shadow().querySelectorAll('[data-part="message"] [data-part="body"]')].map((el) => el.textContent);
    expect(lines).toEqual(['message 1']);
  });
});
