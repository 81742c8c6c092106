import { act } from '@testing-library/preact';
import { ORIGIN_NOT_ALLOWED } from '@mostrador/shared/limits';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GlobalHost } from '../commands/dispatcher.ts';
import { storageKey, type ShopStorage } from '../chat/visitorStorage.ts';
import { memoryBackend, session } from '../chat/testSession.ts';
import { flush } from '../transport/fakeTransport.ts';
import { startWidget } from './startWidget.tsx';
import { config, environment } from './testEnvironment.ts';

const shadow = () => document.getElementById('mostrador-widget')?.shadowRoot ?? null;

afterEach(() => {
  document.body.replaceChildren();
  document.documentElement.lang = '';
});

/** An invitation the server sends: the panel opens with it. */
const OPEN_INVITATION = { firingId: 'fir_open0001', kind: 'open', message: 'Can we help you choose?', senderName: 'Marta' } as const;

describe('startWidget', () => {
  it('renders inside the shadow root of one host appended to the body, and connects', () => {
    const { env, transports } = environment();
    act(() => void startWidget(config, env));
    expect(shadow()?.querySelector('button[data-part="launcher"]')).not.toBeNull();
    expect(document.querySelector('[data-part="launcher"]')).toBeNull();
    expect(transports[0]?.connectCalls).toBe(1);
  });

  it('replays queued commands and installs window.Mostrador', () => {
    const queued = Object.assign(function stub() {}, { q: [['open']] as ArrayLike<unknown>[] });
    const globalHost: GlobalHost = { Mostrador: queued };
    const { env } = environment({ globalHost });
    act(() => void startWidget(config, env));
    expect(globalHost.Mostrador).not.toBe(queued);
    expect(shadow()?.querySelector('[data-part="panel"]')).not.toBeNull();
    act(() => (globalHost.Mostrador as (name: string) => void)('close'));
    expect(shadow()?.querySelector('[data-part="panel"]')).toBeNull();
  });

  it('opens the panel on a page reached from an email’s "continue the chat" link, and not on others', () => {
    window.location.hash = '#mostrador-chat';
    try {
      const { env } = environment({ window, storage: memoryBackend() });
      act(() => void startWidget(config, env));
      expect(shadow()?.querySelector('[data-part="panel"]')).not.toBeNull();
    } finally {
      window.location.hash = '';
    }
    document.body.replaceChildren();
    const { env } = environment({ window, globalHost: {}, storage: memoryBackend() });
    act(() => void startWidget(config, env));
    expect(shadow()?.querySelector('button[data-part="launcher"]')).not.toBeNull();
    expect(shadow()?.querySelector('[data-part="panel"]')).toBeNull();
  });

  it('starts only once when the script is included twice', () => {
    const { env, transports } = environment();
    act(() => void startWidget(config, env));
    act(() => void startWidget(config, env));
    expect(document.querySelectorAll('#mostrador-widget')).toHaveLength(1);
    expect(transports).toHaveLength(1);
  });

  it('takes commands at once but waits for <body> to render and connect', () => {
    const doc = document.implementation.createHTMLDocument('shop');
    doc.body.remove();
    const globalHost: GlobalHost = {};
    const { env, transports } = environment({ document: doc, globalHost });
    act(() => void startWidget(config, env));
    (globalHost.Mostrador as (name: string) => void)('open');
    expect(transports[0]?.connectCalls).toBe(0);
    doc.documentElement.append(doc.createElement('body'));
    act(() => void doc.dispatchEvent(new Event('DOMContentLoaded')));
    expect(transports[0]?.connectCalls).toBe(1);
    const root = doc.getElementById('mostrador-widget')?.shadowRoot;
    expect(root?.querySelector('[data-part="panel"]')).not.toBeNull();
  });

  it('presents the stored token on connect', () => {
    const storage: ShopStorage = {
      getItem: (key) => (key === storageKey('site_1') ? JSON.stringify({ token: 'tok-9' }) : null),
      setItem: () => {},
      removeItem: () => {},
    };
    const { env, tokens } = environment({ storage });
    act(() => void startWidget(config, env));
    expect(tokens[0]?.()).toBe('tok-9');
  });

  it('speaks data-lang first, then the page language, then the browser language', () => {
    const label = () => shadow()?.querySelector('[data-part="launcher"]')?.getAttribute('aria-label');

    document.documentElement.lang = 'es-ES';
    act(() => void startWidget({ ...config, lang: 'ca' }, environment().env));
    expect(label()).toBe('Obre el xat');

    document.body.replaceChildren();
    act(() => void startWidget(config, environment().env));
    expect(label()).toBe('Abrir el chat');

    document.body.replaceChildren();
    document.documentElement.lang = '';
    act(() => void startWidget(config, environment({ browserLanguage: 'fr-FR' }).env));
    expect(label()).toBe('Open chat');
  });

  it("applies a queued setDepartment to the site's storage entry before connecting", () => {
    const data = new Map<string, string>();
    const storage: ShopStorage = {
      getItem: (k) => data.get(k) ?? null,
      setItem: (k, v) => void data.set(k, v),
      removeItem: (k) => void data.delete(k),
    };
    const queued = Object.assign(function stub() {}, { q: [['setDepartment', 'sales']] as ArrayLike<unknown>[] });
    const { env } = environment({ storage, globalHost: { Mostrador: queued } });
    act(() => void startWidget(config, env));
    expect(JSON.parse(data.get(storageKey('site_1'))!)).toMatchObject({ department: 'sales' });
  });

  it('tells the server of a tracked event on this page, and shows the teaser it sends, which opens the panel', async () => {
    const globalHost: GlobalHost = {};
    const { env, transports } = environment({ window, globalHost, storage: memoryBackend() });
    act(() => void startWidget(config, env));
    const track = (name: string) => act(() => (globalHost.Mostrador as (command: string, name: string) => void)('track', name));
    // Tracked before the connection: told once the server greets this tab, if a rule reads it.
    track('coupon_failed');
    track('newsletter_opened');
    const greeting = session(null);
    await act(async () => {
      transports[0]!.establish({
        ...greeting,
        site: { ...greeting.site, watch: { idleAfter: null, exitIntent: false, events: ['coupon_failed'] } },
      });
      await flush();
    });
    const signals = () => transports[0]!.notified.filter((n) => n.event === 'trigger:signal').map((n) => n.payload);
    expect(signals()).toEqual([{ type: 'event', name: 'coupon_failed', url: window.location.href }]);
    // The rules never reach the page: the greeting carries none.
    act(() =>
      transports[0]!.emit('trigger:fired', { firingId: 'fir_coupon1', kind: 'teaser', message: 'Try WELCOME10', senderName: null }),
    );
    const teaser = shadow()?.querySelector('[data-part="teaser"]');
    expect(teaser?.textContent).toContain('Try WELCOME10');
    // Written as the shop when the rule names no agent.
    expect(teaser?.querySelector('.author')?.textContent).toBe('Botiga');
    expect(transports[0]!.notified.filter((n) => n.event === 'trigger:shown').map((n) => n.payload)).toEqual([{ firingId: 'fir_coupon1' }]);
    act(() => (shadow()?.querySelector('[data-part="teaser-open"]') as HTMLButtonElement).click());
    expect(shadow()?.querySelector('[data-part="panel"] [data-invitation]')?.textContent).toContain('Try WELCOME10');
    expect(transports[0]!.notified.filter((n) => n.event === 'trigger:opened').map((n) => n.payload)).toEqual([
      { firingId: 'fir_coupon1' },
    ]);
  });

  it('tells the server, when the connection comes back, that this page already had its invitation', async () => {
    const { env, transports } = environment({ window, storage: memoryBackend() });
    act(() => void startWidget(config, env));
    const resumedReports = () =>
      transports[0]!.notified.flatMap((n) => (n.event === 'page:viewed' && n.payload.resumed ? [n.payload.resumed.invited] : []));
    await act(async () => {
      transports[0]!.establish(session(null));
      await flush();
    });
    act(() => transports[0]!.drop());
    await act(async () => {
      transports[0]!.establish(session(null));
      transports[0]!.emit('trigger:fired', { firingId: 'fir_teaser01', kind: 'teaser', message: 'Hola!', senderName: null });
      await flush();
    });
    act(() => transports[0]!.drop());
    await act(async () => {
      transports[0]!.establish(session(null));
      await flush();
    });
    expect(resumedReports()).toEqual([false, true]);
  });

  it('opens the panel for an "open" invitation without taking focus from the page', async () => {
    const { env, transports } = environment({ window, storage: memoryBackend() });
    act(() => void startWidget(config, env));
    const search = document.body.appendChild(document.createElement('input'));
    search.focus();
    await act(async () => {
      transports[0]!.establish(session(null));
      transports[0]!.emit('trigger:fired', OPEN_INVITATION);
      await flush();
    });
    const line = shadow()?.querySelector('[data-part="panel"] [data-invitation]');
    expect(line?.querySelector('.author')?.textContent).toBe('Marta');
    expect(line?.querySelector('[data-part="body"]')?.textContent).toBe('Can we help you choose?');
    expect(document.activeElement).toBe(search);
    // Seen at once: the server counts an "open" invitation opened when it fires.
    expect(transports[0]!.notified.filter((n) => n.event === 'trigger:opened')).toEqual([]);
  });

  it('invites no one whose message is still on its way', async () => {
    const storage = memoryBackend();
    storage.setItem(
      storageKey('site_1'),
      JSON.stringify({ outbox: [{ clientId: 'client-1-xxxx', body: 'Hola?', createdAt: 1, status: 'sending' }] }),
    );
    const { env, transports } = environment({ window, storage });
    act(() => void startWidget(config, env));
    await act(async () => {
      transports[0]!.establish(session(null));
      transports[0]!.emit('trigger:fired', OPEN_INVITATION);
      await flush();
    });
    expect(transports[0]!.take('message:send').payload.body).toBe('Hola?');
    expect(shadow()?.querySelector('[data-invitation]')).toBeNull();
    // Declined: the server stores nothing, and may offer it again once the message is through.
    expect(transports[0]!.notified.filter((n) => n.event === 'trigger:declined').map((n) => n.payload)).toEqual([
      { firingId: 'fir_open0001' },
    ]);
  });

  it('reports exit intent and idleness only when the site’s rules read them, and input again after idleness', async () => {
    vi.useFakeTimers();
    try {
      const { env, transports } = environment({ window, storage: memoryBackend() });
      act(() => void startWidget(config, env));
      const leave = () => document.dispatchEvent(new MouseEvent('mouseout', { clientY: -2, relatedTarget: null }));
      const signals = () => transports[0]!.notified.filter((n) => n.event === 'trigger:signal').map((n) => n.payload);
      act(() => transports[0]!.establish(session(null)));
      leave();
      vi.advanceTimersByTime(600_000);
      expect(signals()).toEqual([]);

      // A reconnect's greeting asks for both.
      const base = session(null);
      window.dispatchEvent(new Event('pointermove'));
      act(() => transports[0]!.establish({ ...base, site: { ...base.site, watch: { idleAfter: 30, exitIntent: true, events: [] } } }));
      leave();
      expect(signals()).toEqual([{ type: 'exit_intent' }]);
      vi.advanceTimersByTime(29_000);
      expect(signals()).toHaveLength(1);
      vi.advanceTimersByTime(1_000);
      expect(signals()[1]).toEqual({ type: 'idle', ms: 30_000 });
      vi.advanceTimersByTime(600_000);
      window.dispatchEvent(new Event('keydown'));
      window.dispatchEvent(new Event('pointermove'));
      expect(signals().slice(2)).toEqual([{ type: 'active' }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('on a refused origin: says so in the panel, warns once naming the origin and where to allow it, and recovers on return to the tab', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const globalHost: GlobalHost = {};
      const { env, transports } = environment({ globalHost });
      act(() => void startWidget(config, env));
      const transport = transports[0]!;
      act(() => (globalHost.Mostrador as (name: string) => void)('open'));
      act(() => transport.refuse(false, ORIGIN_NOT_ALLOWED));
      act(() => transport.refuse(false, ORIGIN_NOT_ALLOWED));
      const panel = shadow()!.querySelector('[data-part="panel"]')!;
      expect(panel.querySelector('[data-part="connection"]')?.textContent).toBe('Chat is not available on this page');
      expect(panel.querySelector('[data-part="composer"]')).toBeNull();
      expect(panel.querySelector('.greeting')).toBeNull();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![0]).toContain(window.location.origin);
      expect(warn.mock.calls[0]![0]).toContain('Site and widget > Allowed origins');

      document.dispatchEvent(new Event('visibilitychange'));
      expect(transport.connectCalls).toBe(2);
      act(() => transport.establish(session(null)));
      expect(panel.querySelector('[data-part="connection"]')).toBeNull();
      expect(panel.querySelector('[data-part="composer"]')).not.toBeNull();
      expect(panel.querySelector('.greeting')).not.toBeNull();
      // Connected: coming back to the tab asks nothing more of the server.
      document.dispatchEvent(new Event('visibilitychange'));
      expect(transport.connectCalls).toBe(2);
    } finally {
      warn.mockRestore();
    }
  });
});
