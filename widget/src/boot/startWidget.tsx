import type { Branding } from '@mostrador/shared';
import type { ChatSession } from '../chat/chatSession.ts';
import { createVisitorStorage, storageKey, type ShopStorage } from '../chat/visitorStorage.ts';
import { installCommandQueue, isCommandQueueInstalled, type GlobalHost } from '../commands/dispatcher.ts';
import { createTranslator, pickLanguage, type Language, type Messages } from '../i18n/catalogue.ts';
import type { ShopifyModule } from '../context/shopifyCart.ts';
import type { LauncherWords } from '../i18n/launcherWords.ts';
import type { PanelModule } from '../panel/mountPanel.tsx';
import { startShopTracker } from '../tracking/shopTracker.ts';
import { followServerTriggers } from '../triggers/serverTriggers.ts';
import type { VisitorTransport } from '../transport/visitorTransport.ts';
import { PANEL_ID } from '../ui/panelId.ts';
import { createStore } from '../util/store.ts';
import { createPanelState } from '../ui/panelState.ts';
import { createShadowHost } from '../ui/shadowHost.ts';
import { whenReady } from '../util/whenReady.ts';
import { createLauncher } from './launcher.ts';
import { keepLook } from './look.ts';
import { prefetchOnApproach } from './prefetch.ts';
import { sharePanelState } from './sharedPanel.ts';
import type { ScriptConfig } from './scriptConfig.ts';
import { keepSession } from './sessionKeeper.ts';

export interface WidgetEnvironment {
  document: Document;
  /** The shop's window, for the page trail and cart sources; tests without it track nothing. */
  window?: Window & typeof globalThis;
  globalHost: GlobalHost;
  browserLanguage: string | undefined;
  /** localStorage: the visitor's token, outbox and draft, and the GA4 events the server has not answered (it keeps the cart). */
  storage: ShopStorage | null;
  /** The launcher's CSS; the panel brings its own. */
  css: string;
  /** The launcher's words in a language: baked into widget.js. */
  launcherWords(language: Language): LauncherWords;
  /** The language's messages, for the panel: fetched in the browser, at hand in tests. */
  loadMessages(language: Language): Messages | Promise<Messages>;
  /** The panel chunk: fetched from the chat server in the browser (once), at hand in tests. */
  loadPanel(): PanelModule | Promise<PanelModule>;
  /** The Shopify cart adapter, fetched from the chat server only on Shopify stores; at hand in tests. */
  loadShopify(): ShopifyModule | Promise<ShopifyModule>;
  createTransport(config: ScriptConfig, getToken: () => string | undefined): VisitorTransport;
}

/** The panel chunk and the catalogue it speaks, fetched side by side; at hand at once in tests. */
function panelWithMessages(env: WidgetEnvironment, language: Language) {
  const module = env.loadPanel();
  const messages = env.loadMessages(language);
  return module instanceof Promise || messages instanceof Promise ? Promise.all([module, messages]) : ([module, messages] as const);
}

/**
 * Wires everything together: commands, storage, the connection, tracking,
 * triggers and the launcher, which is all a page view needs until the
 * visitor opens the chat or is invited to it. Then the panel chunk (the chat
 * and its UI) loads and takes over the conversation. Separate from main.ts
 * so tests can start a widget with a fake transport. Commands work at once;
 * the launcher mounts when <body> exists (an async script in <head> can run
 * before it does).
 */
export function startWidget(config: ScriptConfig, env: WidgetEnvironment): void {
  const doc = env.document;
  // Pasted twice, or loaded by two tags: one widget is enough.
  if (isCommandQueueInstalled(env.globalHost)) return;

  const panel = createPanelState();
  let warned = 0;
  // Once per page: the merchant, not the shopper, reads this, and needs the where as much as the what.
  const warnUnavailable = () => {
    if (!warned++) console.warn(`[Mostrador] ${doc.location.origin} is not allowed: Admin > Site and widget > Allowed origins`);
  };
  const storage = createVisitorStorage(config.siteKey, env.storage);
  const key = storageKey(config.siteKey);
  const shared = sharePanelState(panel, `${key}:panel`, env.storage, env.window);
  const transport = env.createTransport(config, () => storage.read().token);
  let unavailable = false;
  let chat: ChatSession | null = null;
  /** The shop's look (boot/look.ts): the launcher's colours, side and words, and whether agents' messages chime. */
  const look = createStore<Branding | undefined>(undefined);
  const keeper = keepSession({
    transport,
    storage,
    // Before the chat runs, an agent writing first is an invitation: the panel opens. Else the badge
    // counts it, once for all the shop's tabs (each hears it).
    onAgentMessage: (conversation, seq) => {
      // The merchant's sound: the panel chunk plays it, in one of the shop's tabs (see sound/chime.ts).
      if (look.get()?.sound)
        whenReady(
          env.loadPanel(),
          ({ chime }) => chime(key, conversation.id, seq),
          () => {},
        );
      if (!chat && conversation.origin !== 'visitor') panel.open();
      else if (shared.firstToCount(conversation.id, seq)) panel.noteAgentMessage();
    },
    onUnavailable: () => {
      unavailable = true;
      warnUnavailable();
    },
  });
  transport.on('session:established', () => (unavailable = false));
  // Back in view: a refused page asks again at once, so allowing its origin shows without a reload.
  doc.addEventListener('visibilitychange', () => {
    const refused = chat ? chat.view.get().connection === 'unavailable' : unavailable;
    if (!doc.hidden && refused) transport.connect();
  });

  /** Actions waiting for the chat, which comes with the panel chunk. */
  const waiting: ((chat: ChatSession) => void)[] = [];
  let mountChat: (() => void) | null = null;
  const withChat = (action: (chat: ChatSession) => void) => {
    if (chat) return action(chat);
    waiting.push(action);
    mountChat?.();
  };

  const language = pickLanguage([config.lang, doc.documentElement.lang, env.browserLanguage]);
  const triggers =
    env.window &&
    followServerTriggers({
      win: env.window,
      transport,
      // A message still on its way counts as chatting: its conversation is about to open.
      busy: () => {
        if (!chat) return keeper.chatting() || !!storage.read().outbox?.length;
        const { conversation, pending } = chat.view.get();
        return chat.drafting || conversation?.status === 'open' || pending.length > 0;
      },
      fire: ({ kind, message, senderName, firingId }) =>
        withChat((chat) => {
          const teaser = kind === 'teaser';
          chat.invite({ firingId, body: message, name: senderName ?? chat.view.get().siteName ?? '', teaser });
          if (!teaser) panel.open();
        }),
    });
  const tracker = env.window
    ? startShopTracker({
        win: env.window,
        transport,
        storage: env.storage,
        key,
        loadShopify: env.loadShopify,
        invitedHere: () => !!triggers?.invitedHere(),
      })
    : null;
  // An invitation belongs to its page: on the next one it goes, unless the visitor is reading it.
  tracker?.subscribe(() => {
    if (!panel.store.get().open) chat?.invite(null);
  });
  /** The merchant's hooks (`Mostrador('on', …)`), by event; the panel reads them when it needs one. */
  const hooks = new Map<unknown, unknown>();
  installCommandQueue(env.globalHost, {
    ...panel,
    setDepartment: (slug) => (chat ? chat.setDepartment(slug) : storage.update({ department: slug ?? undefined })),
    setCart: (cart) => tracker?.setCart(cart),
    identify: (customer) => tracker?.identify(customer),
    track: (name) => triggers?.track(name),
    on: (event, handler) => hooks.set(event, handler),
  });
  // "Continue the chat" in an email links to the shop's page with this fragment: the panel opens there.
  if (env.window?.location.hash === '#mostrador-chat') panel.open();

  const mount = () => {
    const { host, root } = createShadowHost(doc, env.css);
    host.setAttribute('lang', language);
    const container = doc.createElement('div');
    container.className = 'widget';
    const slot = doc.createElement('div');
    keepLook(container, storage, look);
    const launcher = createLauncher({
      doc,
      panel,
      panelId: PANEL_ID,
      t: createTranslator(env.launcherWords(language)),
      look,
      language,
    });
    container.append(slot, launcher);
    root.append(container);
    transport.on('session:established', ({ site }) => site.branding && look.set(site.branding.look));
    // An admin saved a new look: this page takes it without a reload.
    transport.on('branding:changed', ({ branding }) => look.set(branding.look));
    let loading = false;
    mountChat = () => {
      if (loading) return;
      loading = true;
      whenReady(
        panelWithMessages(env, language),
        ([{ mountPanel }, messages]) => {
          chat = mountPanel({
            root,
            slot,
            launcher,
            messages,
            transport: keeper.transport,
            storage,
            panel,
            key,
            onUnavailable: warnUnavailable,
            hooks,
          });
          keeper.handOver();
          for (const action of waiting.splice(0)) action(chat);
        },
        () => {
          // Not fetched (offline for a moment?): the next open or invitation asks again.
          loading = false;
        },
      );
    };
    prefetchOnApproach(doc, launcher, () =>
      whenReady(
        panelWithMessages(env, language),
        () => {},
        () => {},
      ),
    );
    panel.store.subscribe(({ open }) => open && mountChat?.());
    transport.connect();
    // Opened by a queued command, or a message from the last page still to send: the chat is needed now.
    if (panel.store.get().open || waiting.length > 0 || storage.read().outbox?.length) mountChat();
  };
  if (doc.body) mount();
  else doc.addEventListener('DOMContentLoaded', mount, { once: true });
}
