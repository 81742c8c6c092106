import { render } from 'preact';
import { ChatSession } from '../chat/chatSession.ts';
import { createVisitorStorage, type KeyValueStore } from '../chat/visitorStorage.ts';
import { installCommandQueue, isCommandQueueInstalled, type GlobalHost } from '../commands/dispatcher.ts';
import { createTranslator, pickLanguage, type Language, type Messages } from '../i18n/catalogue.ts';
import { startShopTracker } from '../tracking/shopTracker.ts';
import { startTriggerRuntime } from '../triggers/triggerRuntime.ts';
import type { VisitorTransport } from '../transport/visitorTransport.ts';
import { App } from '../ui/App.tsx';
import { createPanelState } from '../ui/panelState.ts';
import { createShadowHost } from '../ui/shadowHost.ts';
import { setTranslator } from '../ui/translation.ts';
import type { ScriptConfig } from './scriptConfig.ts';

export interface WidgetEnvironment {
  document: Document;
  /** The shop's window, for the page trail and cart sources; tests without it track nothing. */
  window?: Window & typeof globalThis;
  globalHost: GlobalHost;
  browserLanguage: string | undefined;
  /** localStorage, and sessionStorage for what lasts one browser session (trigger caps). */
  storage: KeyValueStore | null;
  sessionStorage?: KeyValueStore | null;
  css: string;
  /** The language's messages: fetched in the browser, at hand in tests. */
  loadMessages(language: Language): Messages | Promise<Messages>;
  createTransport(config: ScriptConfig, getToken: () => string | undefined): VisitorTransport;
}

/**
 * Wires everything together: commands, storage, the connection and the UI.
 * Separate from main.tsx so tests can start a widget with a fake transport.
 * Commands work at once; the UI mounts when <body> exists (an async script
 * in <head> can run before it does).
 */
export function startWidget(config: ScriptConfig, env: WidgetEnvironment): ChatSession | null {
  const doc = env.document;
  // Pasted twice, or loaded by two tags: one widget is enough.
  if (isCommandQueueInstalled(env.globalHost)) return null;

  const panel = createPanelState();
  let warned = 0;
  const storage = createVisitorStorage(config.siteKey, env.storage);
  const transport = env.createTransport(config, () => storage.read().token);
  const chat = new ChatSession({
    transport,
    storage,
    onAgentMessage: panel.noteAgentMessage,
    onInvitation: panel.open,
    // Once per page: the merchant, not the shopper, reads this, and needs the where as much as the what.
    onUnavailable: () => {
      if (!warned++) {
        console.warn(`[Mostrador] ${doc.location.origin} is not allowed: Admin > Site and widget > Allowed origins`);
      }
    },
  });
  // Back in view: a refused page asks again at once, so allowing its origin shows without a reload.
  doc.addEventListener('visibilitychange', () => {
    if (!doc.hidden && chat.view.get().connection === 'unavailable') transport.connect();
  });
  const language = pickLanguage([config.lang, doc.documentElement.lang, env.browserLanguage]);
  const tracker = env.window ? startShopTracker({ win: env.window, transport, storage: env.storage, siteKey: config.siteKey }) : null;
  const triggers =
    env.window &&
    tracker &&
    startTriggerRuntime({
      win: env.window,
      transport,
      siteKey: config.siteKey,
      local: env.storage,
      session: env.sessionStorage ?? null,
      // The visitor's own language (the browser's), whatever the widget speaks: a German
      // shopper on a Catalan shop is a German speaker to the "language" condition.
      language: (env.browserLanguage ?? language).trim().toLowerCase().split(/[-_]/)[0] || language,
      tracker,
      // A message still on its way counts as chatting: its conversation is about to open.
      busy: () => {
        const { conversation, pending } = chat.view.get();
        return { typing: chat.drafting, chatting: conversation?.status === 'open' || pending.length > 0 };
      },
      fire: ({ action }, firingId) => {
        const teaser = action.kind === 'teaser';
        chat.invite({ firingId, body: action.message, name: action.senderName ?? chat.view.get().siteName ?? '', teaser });
        if (!teaser) panel.open();
      },
      // An invitation belongs to its page: on the next one it goes, unless the visitor is reading it.
      onNewPage: () => {
        if (!panel.store.get().open) chat.invite(null);
      },
    });
  // After the chat exists: queued commands such as setDepartment act on it.
  installCommandQueue(env.globalHost, {
    ...panel,
    setDepartment: (slug) => chat.setDepartment(slug),
    setCart: (cart) => tracker?.setCart(cart),
    identify: (customer) => tracker?.identify(customer),
    track: (name) => triggers?.track(name),
  });

  const mount = (messages: Messages) => {
    const { host, root } = createShadowHost(doc, env.css);
    host.setAttribute('lang', language);
    setTranslator(createTranslator(messages));
    render(<App chat={chat} panel={panel} />, root);
    chat.start();
  };
  const whenBody = (messages: Messages) => {
    if (doc.body) mount(messages);
    else doc.addEventListener('DOMContentLoaded', () => mount(messages), { once: true });
  };
  const messages = env.loadMessages(language);
  if (messages instanceof Promise) void messages.then(whenBody);
  else whenBody(messages);
  return chat;
}
