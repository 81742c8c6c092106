import type { Cart, CartSet, CartUpdated, PageViewed, VisitorIdentify } from '@mostrador/shared';
import { asObject, currency, MANUAL_CART_BYTES_MAX, MANUAL_CART_KEYS, text } from '@mostrador/shared/shop';
import type { ShopStorage } from '../chat/visitorStorage.ts';
import { createDataLayerCart } from '../context/dataLayerCart.ts';
import { readMarkup } from '../context/pageMarkup.ts';
import { watchPages } from '../context/pageWatcher.ts';
import { isShopify, type ShopifyModule } from '../context/shopifyCart.ts';
import { TIMED_OUT, type CommandRequest, type VisitorTransport } from '../transport/visitorTransport.ts';
import { whenReady } from '../util/whenReady.ts';

export interface ShopTrackerOptions {
  win: Window & typeof globalThis & { dataLayer?: unknown; Shopify?: unknown };
  transport: VisitorTransport;
  /** The shop's localStorage, and the site's key in it (`mostrador:<siteKey>`): GA4 events not yet answered wait there. */
  storage: ShopStorage | null;
  key: string;
  /** The Shopify adapter: a chunk from the chat server in the browser, fetched only on a Shopify store; at hand in tests. */
  loadShopify(): ShopifyModule | Promise<ShopifyModule>;
  /** An invitation was shown on this page: said when the page is reported again on a new connection. */
  invitedHere?(): boolean;
}

export interface ShopTracker {
  /** Called after each new page is read. */
  subscribe(listener: () => void): void;
  /** `Mostrador('setCart', …)`: from then on the shop's own cart wins over the automatic sources. */
  setCart(input: unknown): void;
  /** `Mostrador('identify', {id, name, email, hash})`. */
  identify(input: unknown): void;
}

/** SPA frameworks change the URL first and the title and product markup a moment later. */
const SETTLE_MS = 300;

/**
 * Tells the agent where the visitor is and what they hold, with no code
 * from the merchant: every page (including history changes), the product it
 * shows, and the cart from Shopify's `/cart.js` or GA4 dataLayer events.
 * Everything reported is state, sent again after each reconnect, so nothing
 * is lost while the connection is down; GA4 events are sent until the
 * server answers, and it applies each once.
 */
export function startShopTracker({ win, transport, storage, key, loadShopify, invitedHere }: ShopTrackerOptions): ShopTracker {
  const doc = win.document;
  // Some privacy modes hide these; the agent then sees no local time.
  const language = text(win.navigator.language, 35) ?? undefined;
  // Temporal gives the zone at no cost. The first Intl.DateTimeFormat of a page builds ICU's date patterns
  // (20–35 ms on a slow machine): a long task if it ran with the widget's start, so it runs in a task of its
  // own (the first report waits for the socket anyway).
  const { Temporal } = win as { Temporal?: { Now: { timeZoneId(): string } } };
  let timeZone: string | null | undefined;
  const zone = () =>
    timeZone === undefined
      ? (timeZone = text(Temporal ? Temporal.Now.timeZoneId() : Intl.DateTimeFormat().resolvedOptions().timeZone, 64))
      : timeZone;
  setTimeout(zone);
  let page: PageViewed | null = null;
  let cart: CartUpdated | null = null;
  let claim: VisitorIdentify | null = null;
  let manual: CartSet | null = null;
  let established = false;
  let referrer = doc.referrer;
  let stopAutomatic = () => {};
  let resendEvents = () => {};
  const listeners: (() => void)[] = [];

  // When the page was read, and whether the server has heard of it: a reconnect's report resumes it.
  let readAt = 0;
  let reported = false;
  // The server reads the product off the markup, for the agent and the trigger rules.
  const sendPage = () => {
    if (!established || !page) return;
    // Within what the server takes: a week (a tab left open longer, or a clock set back, says less).
    const resumed = reported && { ms: Math.min(604_800_000, Math.max(0, Date.now() - readAt)), invited: !!invitedHere?.() };
    const tz = zone();
    transport.notify('page:viewed', { ...page, ...(tz && { timeZone: tz }), ...(resumed && { resumed }) });
    reported = true;
  };
  const sendCart = () => established && cart && transport.notify('cart:updated', cart);
  // What the shop's own code told us: a refusal is the merchant's to see, in the console.
  const ask = async <K extends 'visitor:identify' | 'cart:set'>(command: K, payload: CommandRequest<K> | null, what: string) => {
    if (!established || !payload) return;
    const outcome = await transport.request(command, payload);
    if (outcome !== TIMED_OUT && !outcome.ok) console.warn(`[Mostrador] ${what} refused: ${outcome.error.message}`);
  };
  const sendIdentity = () => ask('visitor:identify', claim, 'identify');
  const sendManual = () => ask('cart:set', manual, 'setCart');
  const report = (next: Cart, stage: CartUpdated['stage'], source: CartUpdated['source']) => {
    cart = { cart: next, stage, source };
    sendCart();
  };

  const readPage = (url: string, historyChange?: true) => {
    page = {
      url,
      historyChange,
      title: text(doc.title, 300) ?? '',
      referrer: /^https?:/.test(referrer) ? referrer.slice(0, 2000) : '',
      markup: readMarkup(doc, url),
      ...(language && { language }),
    };
    referrer = url;
    readAt = Date.now();
    reported = false;
    sendPage();
    listeners.forEach((listener) => listener());
  };
  let first = true;
  const watch = () =>
    watchPages(win, (url) => {
      if (!/^https?:/.test(url) || url.length > 2000) return;
      if (first) readPage(url);
      else setTimeout(() => readPage(win.location.href, true), SETTLE_MS);
      first = false;
    });
  // An async script in <head> may run before the product markup is parsed.
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', watch, { once: true });
  else watch();

  if (isShopify(win)) {
    // A `setCart` before the chunk arrives wins: the adapter then never starts.
    let stopped = false;
    stopAutomatic = () => void (stopped = true);
    const follow = ({ followShopifyCart }: ShopifyModule) => {
      if (!stopped) stopAutomatic = followShopifyCart(win, (next) => report(next, 'browsing', 'shopify'));
    };
    whenReady(loadShopify(), follow, () => console.warn('[Mostrador] the Shopify cart adapter could not be fetched; no cart on this page'));
  } else {
    // The adapter waits for `dataLayer` to appear: shops often define it in a
    // deferred script that runs after ours. The server reads the cart from the
    // events and keeps it between pages.
    try {
      // Where widgets before the server read the cart kept it: nothing reads it now.
      storage?.removeItem(`${key}:cart`);
    } catch {
      // Blocked storage: nothing was kept there either.
    }
    const events = createDataLayerCart({
      win,
      storage,
      key: `${key}:ga4`,
      async send(tracked) {
        if (!established) return false;
        const outcome = await transport.request('cart:tracked', tracked);
        // A refusal other than "too fast" would be the same next time.
        return outcome !== TIMED_OUT && (outcome.ok || outcome.error.code !== 'rate_limited');
      },
    });
    stopAutomatic = events.stop;
    resendEvents = events.poll;
  }

  transport.on('session:established', () => {
    established = true;
    sendPage();
    sendCart();
    resendEvents();
    void sendManual();
    void sendIdentity();
  });
  transport.onDisconnect(() => {
    established = false;
  });

  return {
    subscribe: (listener) => void listeners.push(listener),
    setCart(input) {
      // The server reads the cart (`@mostrador/shared/shop/manual`); only what it needs travels, within a frame.
      let json = '';
      try {
        json = JSON.stringify(input, MANUAL_CART_KEYS);
      } catch {
        // A value JSON cannot hold (a cycle, a BigInt): refused below.
      }
      const next = { cart: json, base: win.location.href };
      if (!currency(asObject(input)?.currency) || new Blob([JSON.stringify(next)]).size > MANUAL_CART_BYTES_MAX) {
        return console.warn('[Mostrador] setCart needs {items, total, currency}');
      }
      stopAutomatic();
      cart = null;
      manual = next;
      void sendManual();
    },
    identify(input) {
      const fields = (typeof input === 'object' && input) || {};
      const value = (field: string, max: number) => text((fields as Record<string, unknown>)[field], max) ?? undefined;
      const id = value('id', 200);
      if (!id) return console.warn('[Mostrador] identify needs an id');
      claim = { id, name: value('name', 80), email: value('email', 254), hash: value('hash', 64) };
      void sendIdentity();
    },
  };
}
