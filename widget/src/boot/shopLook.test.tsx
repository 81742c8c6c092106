import type { Branding } from '@mostrador/shared';
import { DEFAULT_BRANDING } from '@mostrador/shared/branding';
import { act } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { conversation, message } from '../chat/testEvents.ts';
import { memoryBackend, session } from '../chat/testSession.ts';
import type { KeyValueStore, ShopStorage } from '../chat/visitorStorage.ts';
import * as panelChunk from '../panel/mountPanel.tsx';
import { flush, type FakeTransport } from '../transport/fakeTransport.ts';
import { startWidget } from './startWidget.tsx';
import { config, environment } from './testEnvironment.ts';

const shadow = () => document.getElementById('mostrador-widget')!.shadowRoot!;
const container = () => shadow().querySelector<HTMLElement>('.widget')!;
const launcher = () => shadow().querySelector<HTMLButtonElement>('button[data-part="launcher"]')!;
const VISITOR_KEY = 'mostrador:site_1';
const kept = (storage: KeyValueStore) => (JSON.parse(storage.getItem(VISITOR_KEY)!) as { look?: Branding }).look;
const keep = (storage: KeyValueStore, look: unknown) => storage.setItem(VISITOR_KEY, JSON.stringify({ token: 'tok-1', look }));

const green: Branding = {
  ...DEFAULT_BRANDING,
  color: '#0b5d3b',
  side: 'left',
  launcher: 'labelled',
  launcherText: { ca: 'Parlem?', es: '¿Hablamos?', en: 'Need a hand?' },
};

afterEach(() => {
  document.body.replaceChildren();
  document.documentElement.lang = '';
});

function start(storage: ShopStorage = memoryBackend(), overrides: Parameters<typeof environment>[0] = {}) {
  const { env, transports } = environment({ storage, ...overrides });
  act(() => void startWidget(config, env));
  return { storage, transport: transports[0]! };
}

async function greet(transport: FakeTransport, look: Branding, conv = conversation()) {
  await act(async () => {
    transport.establish({ ...session(conv), site: { ...session(conv).site, branding: { look, replySeconds: null } } });
    await flush();
  });
}

describe('the shop’s look before and after the handshake', () => {
  it('has no look on a first page (launcher.css keeps the launcher hidden), then shows the shop’s and keeps it for the next page', async () => {
    const { storage, transport } = start();
    expect(container().dataset.side).toBeUndefined();
    expect(container().style.getPropertyValue('--accent')).toBe('');

    await greet(transport, green);
    expect(container().dataset.side).toBe('left');
    expect(container().style.getPropertyValue('--accent')).toBe('#0b5d3b');
    expect(kept(storage)).toEqual(green);
  });

  it('applies the look kept by an earlier page before the handshake, with the merchant’s words on the launcher', () => {
    const storage = memoryBackend();
    keep(storage, green);
    start(storage);
    expect(container().style.getPropertyValue('--accent')).toBe('#0b5d3b');
    expect({ side: container().dataset.side, launcher: container().dataset.launcher }).toEqual({ side: 'left', launcher: 'labelled' });
    expect(launcher().getAttribute('aria-label')).toBe('Need a hand?');
  });

  it('waits for the server when what is kept is unreadable or not a look', () => {
    for (const junk of ['blue', null, { colour: 'red' }]) {
      document.body.replaceChildren();
      const storage = memoryBackend();
      keep(storage, junk);
      start(storage, { globalHost: {} });
      expect(container().dataset.side).toBeUndefined();
    }
  });

  it('says the merchant’s words in the widget’s language, and the widget’s own where the merchant left them empty', async () => {
    document.documentElement.lang = 'ca';
    const { transport } = start();
    await greet(transport, green);
    expect(launcher().getAttribute('aria-label')).toBe('Parlem?');
    act(() =>
      transport.emit('branding:changed', {
        branding: { look: { ...green, launcherText: { ...green.launcherText, ca: '' } }, replySeconds: null },
      }),
    );
    expect(launcher().getAttribute('aria-label')).toBe('Obre el xat');
  });

  it('takes a look an admin saves while the page is open, without a reload, and keeps it', async () => {
    const { storage, transport } = start();
    await greet(transport, DEFAULT_BRANDING);
    act(() => transport.emit('branding:changed', { branding: { look: green, replySeconds: 60 } }));
    expect(container().style.getPropertyValue('--accent')).toBe('#0b5d3b');
    expect(container().dataset.side).toBe('left');
    expect(launcher().getAttribute('aria-label')).toBe('Need a hand?');
    expect(kept(storage)?.color).toBe('#0b5d3b');
    // Open, the launcher says what it does now: close.
    act(() => launcher().click());
    expect(launcher().getAttribute('aria-label')).toBe('Close chat');
  });
});

describe('the new-message sound, asked of the panel chunk', () => {
  const chime = vi.fn(() => Promise.resolve(true));
  const loadPanel = () => ({ ...panelChunk, chime });

  it('is asked for each agent message while the merchant has it on, and never for the shopper’s own or with it off', async () => {
    chime.mockClear();
    const { transport } = start(memoryBackend(), { loadPanel });
    await greet(transport, { ...green, sound: true });
    act(() => transport.emit('message:created', { event: message(1), conversation: conversation({ lastSeq: 1 }) }));
    expect(chime).toHaveBeenCalledTimes(1);
    expect(chime).toHaveBeenCalledWith('mostrador:site_1', 'cnv_test1', 1);

    const own = message(2, { author: { kind: 'visitor', id: 'vis_1', name: null }, clientId: 'c-2' });
    act(() => transport.emit('message:created', { event: own, conversation: conversation({ lastSeq: 2 }) }));
    expect(chime).toHaveBeenCalledTimes(1);

    act(() => transport.emit('branding:changed', { branding: { look: { ...green, sound: false }, replySeconds: null } }));
    act(() => transport.emit('message:created', { event: message(3), conversation: conversation({ lastSeq: 3 }) }));
    expect(chime).toHaveBeenCalledTimes(1);
    // The badge still counts what was not heard.
    expect(shadow().querySelector('[data-part="unread"]')?.textContent).toBe('2');
  });
});
