import { act } from '@testing-library/preact';
import { ORIGIN_NOT_ALLOWED } from '@mostrador/shared/limits';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GlobalHost } from '../commands/dispatcher.ts';
import { storageKey, type KeyValueStore } from '../chat/visitorStorage.ts';
import { memoryBackend, session } from '../chat/testSession.ts';
import { rule, sessionWith, teaserAction, when } from '../triggers/testRules.ts';
import { flush } from '../transport/fakeTransport.ts';
import { startWidget } from './startWidget.tsx';
import { config, environment } from './testEnvironment.ts';

const shadow = () => document.getElementById('mostrador-widget')?.shadowRoot ?? null;

afterEach(() => {
  document.body.replaceChildren();
  document.documentElement.lang = '';
});

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
      const { env } = environment({ window, storage: memoryBackend(), sessionStorage: memoryBackend() });
      act(() => void startWidget(config, env));
      expect(shadow()?.querySelector('[data-part="panel"]')).not.toBeNull();
    } finally {
      window.location.hash = '';
    }
    document.body.replaceChildren();
    const { env } = environment({ window, globalHost: {}, storage: memoryBackend(), sessionStorage: memoryBackend() });
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
    const storage: KeyValueStore = {
      getItem: (key) => (key === storageKey('site_1') ? JSON.stringify({ token: 'tok-9' }) : null),
      setItem: () => {},
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
    const storage: KeyValueStore = { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
    const queued = Object.assign(function stub() {}, { q: [['setDepartment', 'sales']] as ArrayLike<unknown>[] });
    const { env } = environment({ storage, globalHost: { Mostrador: queued } });
    act(() => void startWidget(config, env));
    expect(JSON.parse(data.get(storageKey('site_1'))!)).toMatchObject({ department: 'sales' });
  });

  it('runs the site’s trigger rules on the shop’s page: a tracked event shows a teaser, which opens the panel', async () => {
    const globalHost: GlobalHost = {};
    const { env, transports } = environment({ window, globalHost, storage: memoryBackend(), sessionStorage: memoryBackend() });
    act(() => void startWidget(config, env));
    const coupon = rule('trg_coupon', [when({ type: 'event', name: 'coupon_failed' })], { action: teaserAction('Try WELCOME10') });
    await act(async () => {
      transports[0]!.establish(sessionWith([coupon]));
      await flush();
    });
    const track = (name: string) => act(() => (globalHost.Mostrador as (command: string, name: string) => void)('track', name));
    track('coupon_failed');
    const teaser = shadow()?.querySelector('[data-part="teaser"]');
    expect(teaser?.textContent).toContain('Try WELCOME10');
    // Written as the shop when the rule names no agent.
    expect(teaser?.querySelector('.author')?.textContent).toBe('Botiga');
    const reported = transports[0]!.notified.find((n) => n.event === 'trigger:reported');
    expect(reported?.payload).toMatchObject({ ruleId: 'trg_coupon', outcome: 'fired' });
    act(() => (shadow()?.querySelector('[data-part="teaser-open"]') as HTMLButtonElement).click());
    expect(shadow()?.querySelector('[data-part="panel"] [data-invitation]')?.textContent).toContain('Try WELCOME10');
    expect(transports[0]!.notified.filter((n) => n.event === 'trigger:opened')).toHaveLength(1);
  });

  it('opens the panel for an "open" invitation without taking focus from the page', async () => {
    const { env, transports } = environment({ window, storage: memoryBackend(), sessionStorage: memoryBackend() });
    act(() => void startWidget(config, env));
    const search = document.body.appendChild(document.createElement('input'));
    search.focus();
    await act(async () => {
      transports[0]!.establish(sessionWith([rule('trg_open', [])]));
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
    const { env, transports } = environment({ window, storage, sessionStorage: memoryBackend() });
    act(() => void startWidget(config, env));
    await act(async () => {
      transports[0]!.establish(sessionWith([rule('trg_open', [])]));
      await flush();
    });
    expect(transports[0]!.take('message:send').payload.body).toBe('Hola?');
    expect(shadow()?.querySelector('[data-invitation]')).toBeNull();
    expect(transports[0]!.notified.filter((n) => n.event === 'trigger:reported')).toEqual([]);
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
