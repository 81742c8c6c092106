import type { CartTracked } from '@mostrador/shared';
import { GA4_BYTES_MAX, GA4_ENTRIES_MAX, GA4_ENTRY_CHARS_MAX } from '@mostrador/shared/shop';
import { addToCart, beginCheckout, purchase, womensGreyTee } from '@mostrador/shared/testing/ga4-events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryBackend } from '../chat/testSession.ts';
import type { KeyValueStore, ShopStorage } from '../chat/visitorStorage.ts';
import { flush } from '../transport/fakeTransport.ts';
import { createDataLayerCart, PENDING_CHARS_MAX, PENDING_MAX, type DataLayerCart } from './dataLayerCart.ts';

const started: DataLayerCart[] = [];
const KEY = 'mostrador:site_1:ga4';

/** What the server reads of Google's example add_to_cart: the keys of GA4_KEYS, nothing else. */
const PRUNED_ADD =
  '{"currency":"USD","value":30.03,"items":[{"item_id":"SKU_12345","item_name":"Stan and Friends Tee","quantity":3,"price":10.01}]}';

/**
 * One page load: a dataLayer, the shop's gtag, and our forwarder once `start`
 * is called. The server answers each send with `answer` (by default: it has them).
 * `storage` is the shop's localStorage, shared by its page loads and tabs.
 */
function page(layer: unknown[] = [], storage: KeyValueStore = memoryBackend()) {
  const win = { dataLayer: layer };
  const sent: CartTracked[] = [];
  let answer: () => Promise<boolean> = async () => true;
  // Google's own snippet: gtag pushes its `arguments` object, not an array.
  function gtag(..._args: unknown[]) {
    // eslint-disable-next-line prefer-rest-params -- the shape under test is the `arguments` object itself
    win.dataLayer.push(arguments);
  }
  const push = (event: string, ecommerce: unknown) => {
    win.dataLayer.push({ ecommerce: null });
    win.dataLayer.push({ event, ecommerce });
  };
  const start = () => {
    const forwarder = createDataLayerCart({
      win,
      storage,
      key: KEY,
      send: (tracked) => {
        sent.push(structuredClone(tracked));
        return answer();
      },
    });
    started.push(forwarder);
    return forwarder;
  };
  const entries = () => sent.flatMap((tracked) => tracked.entries.map((entry) => [tracked.page, entry.index, entry.event] as const));
  return { win, sent, entries, gtag, push, start, answerWith: (next: () => Promise<boolean>) => void (answer = next) };
}

describe('createDataLayerCart', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    for (const forwarder of started.splice(0)) forwarder.stop();
    vi.useRealTimers();
  });

  it('forwards add_to_cart pushed before it started, pruned to the keys the server reads, with its index', () => {
    const shop = page();
    shop.win.dataLayer.push({ event: 'gtm.js' }, { event: 'view_item', ecommerce: addToCart });
    shop.push('add_to_cart', addToCart);
    shop.start();
    expect(shop.sent).toEqual([
      { page: expect.stringMatching(/^[0-9a-z]{8,40}$/), entries: [{ index: 3, event: 'add_to_cart', ecommerce: PRUNED_ADD }] },
    ]);
  });

  it('picks up later pushes on the 500 ms poll, or at once with poll()', async () => {
    const shop = page();
    const forwarder = shop.start();
    shop.push('add_to_cart', addToCart);
    vi.advanceTimersByTime(499);
    expect(shop.sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(shop.entries()).toEqual([[expect.any(String), 1, 'add_to_cart']]);
    await flush();
    shop.push('begin_checkout', beginCheckout);
    forwarder.poll();
    expect(shop.entries().map(([, index, event]) => [index, event])).toEqual([
      [1, 'add_to_cart'],
      [3, 'begin_checkout'],
    ]);
  });

  it("reads gtag's arguments objects", () => {
    const shop = page();
    shop.gtag('js', new Date());
    shop.gtag('config', 'G-XXXXXXX');
    shop.gtag('event', 'add_to_cart', addToCart);
    shop.gtag('event', 'purchase', purchase);
    shop.start();
    expect(shop.sent[0]?.entries.map(({ index, event }) => [index, event])).toEqual([
      [2, 'add_to_cart'],
      [3, 'purchase'],
    ]);
    expect(JSON.parse(shop.sent[0]!.entries[1]!.ecommerce)).toMatchObject({ transaction_id: 'T_12345', value: 72.05 });
  });

  it('sends again what the server has not answered, one request at a time, and nothing it has', async () => {
    const shop = page();
    let answer = (_answered: boolean) => {};
    shop.answerWith(() => new Promise((resolve) => (answer = resolve)));
    shop.push('add_to_cart', addToCart);
    const forwarder = shop.start();
    shop.push('add_to_cart', { currency: 'USD', items: [womensGreyTee] });
    forwarder.poll();
    // The first request is still out: the new entry waits for it.
    expect(shop.sent).toHaveLength(1);
    answer(false);
    await flush();
    forwarder.poll();
    expect(shop.sent[1]).toEqual({
      page: shop.sent[0]?.page,
      entries: [expect.objectContaining({ index: 1 }), expect.objectContaining({ index: 3 })],
    });
    answer(true);
    await flush();
    forwarder.poll();
    vi.advanceTimersByTime(2_000);
    expect(shop.sent).toHaveLength(2);
  });

  it(`sends at most ${GA4_ENTRIES_MAX} entries, and ${GA4_BYTES_MAX} bytes, at once`, async () => {
    const shop = page();
    for (let i = 0; i < GA4_ENTRIES_MAX + 5; i += 1) shop.win.dataLayer.push({ event: 'add_to_cart', ecommerce: addToCart });
    // Each within its own limit, and three of them too many bytes for one request.
    const long = { currency: 'EUR', items: [{ item_name: '€'.repeat(GA4_BYTES_MAX / 3 / 2) }] };
    for (let i = 0; i < 3; i += 1) shop.win.dataLayer.push({ event: 'view_cart', ecommerce: long });
    shop.start();
    await flush();
    expect(shop.sent.map((tracked) => tracked.entries.length)).toEqual([GA4_ENTRIES_MAX, 6, 1, 1]);
    for (const tracked of shop.sent) expect(new Blob([JSON.stringify(tracked)]).size).toBeLessThanOrEqual(GA4_BYTES_MAX);
    expect(shop.entries().map(([, index]) => index)).toEqual(Array.from({ length: GA4_ENTRIES_MAX + 8 }, (_, i) => i));
  });

  it('sends the same page id and indexes when restarted on the same page, so the server applies them once', async () => {
    const layer: unknown[] = [];
    const first = page(layer);
    first.push('add_to_cart', addToCart);
    first.start().stop();
    const again = page(layer);
    again.start();
    await flush();
    expect(again.entries()).toEqual(first.entries());
  });

  it('gives a new page load, or a dataLayer the page emptied, a page id of its own', async () => {
    const one = page();
    one.push('add_to_cart', addToCart);
    const forwarder = one.start();
    const other = page();
    other.push('add_to_cart', addToCart);
    other.start();
    await flush();
    expect(other.entries()[0]?.[0]).not.toBe(one.entries()[0]?.[0]);
    one.win.dataLayer.length = 0;
    one.win.dataLayer.push({ event: 'purchase', ecommerce: purchase });
    forwarder.poll();
    const [before, after] = one.entries();
    expect(after?.[0]).not.toBe(before?.[0]);
    expect(after?.slice(1)).toEqual([0, 'purchase']);
  });

  it('never replaces dataLayer.push, and reads a dataLayer created after it started', () => {
    const win: { dataLayer?: unknown[] } = {};
    const sent: CartTracked[] = [];
    started.push(createDataLayerCart({ win, send: async (tracked) => (sent.push(tracked), true) }));
    win.dataLayer = [{ event: 'add_to_cart', ecommerce: addToCart }];
    vi.advanceTimersByTime(500);
    expect(sent).toHaveLength(1);
    expect(win.dataLayer.push).toBe(Array.prototype.push);
  });

  it('skips events it cannot forward: no ecommerce object, a value JSON cannot hold, or too long', () => {
    const shop = page();
    shop.push('add_to_cart', 'nope');
    shop.push('add_to_cart', { currency: 'USD', value: 10n, items: [] });
    shop.push('view_cart', { currency: 'USD', items: [{ item_name: 'x'.repeat(GA4_ENTRY_CHARS_MAX) }] });
    shop.push('add_to_cart', addToCart);
    shop.start();
    expect(shop.entries().map(([, index]) => index)).toEqual([7]);
  });

  it('stops polling, and sending, on stop()', async () => {
    const shop = page();
    shop.answerWith(async () => false);
    shop.push('add_to_cart', addToCart);
    const forwarder = shop.start();
    forwarder.stop();
    await flush();
    forwarder.poll();
    shop.push('add_to_cart', addToCart);
    vi.advanceTimersByTime(5_000);
    expect(shop.sent).toHaveLength(1);
  });

  describe('across page loads', () => {
    const offline = async () => false;
    /** What waits in storage: [page id, index] pairs, oldest first. */
    const stored = (storage: KeyValueStore) =>
      (JSON.parse(storage.getItem(KEY) ?? '[]') as [string, { index: number }][]).map(([id, entry]) => [id, entry.index]);

    /** Two tabs of the shop, one add_to_cart each, neither answered: both wait in the shared storage. */
    async function twoTabsOffline() {
      const storage = memoryBackend();
      const one = page([], storage);
      one.answerWith(offline);
      one.push('add_to_cart', addToCart);
      one.start();
      const other = page([], storage);
      other.answerWith(offline);
      other.push('add_to_cart', { currency: 'USD', items: [womensGreyTee] });
      const stopped = other.start();
      await flush();
      return { storage, one, stopped };
    }

    it('sends from the next page load what the server did not answer before the page went, and not what it did', async () => {
      const storage = memoryBackend();
      const product = page([], storage);
      product.push('add_to_cart', addToCart);
      product.start();
      await flush();
      // The socket drops (or is still connecting): the next one is not answered before the shopper moves on.
      product.answerWith(offline);
      product.push('add_to_cart', { currency: 'USD', items: [womensGreyTee] });
      vi.advanceTimersByTime(500);
      await flush();
      const [id, answered] = product.entries()[0]!;
      const [, unanswered] = product.entries()[1]!;
      expect([answered, unanswered]).toEqual([1, 3]);
      expect(stored(storage)).toEqual([[id, 3]]);

      // The shopper is on the next page: a new dataLayer, a new forwarder, the same storage.
      const cart = page([], storage);
      cart.push('view_cart', addToCart);
      cart.start();
      await flush();
      expect(cart.entries()).toEqual([
        [id, 3, 'add_to_cart'],
        [expect.not.stringMatching(id!), 1, 'view_cart'],
      ]);
      expect(stored(storage)).toEqual([]);
    });

    it('keeps what every tab of the shop has not had answered, each dropping only its own answers', async () => {
      const { storage, one } = await twoTabsOffline();
      const ids = stored(storage).map(([id]) => id);
      expect(stored(storage)).toEqual([
        [one.entries()[0]![0], 1],
        [expect.not.stringMatching(ids[0] as string), 1],
      ]);
      const next = page([], storage);
      next.start();
      await flush();
      expect(next.entries()).toEqual([
        [ids[0], 1, 'add_to_cart'],
        [ids[1], 1, 'add_to_cart'],
      ]);
    });

    it('lets go of its own page’s entries when the shop’s cart takes over there, not those of the shop’s other tabs', async () => {
      const { storage, one, stopped } = await twoTabsOffline();
      expect(stored(storage)).toHaveLength(2);
      // `setCart` on the other tab: its own events go; the first tab's still wait for the server.
      stopped.stop();
      expect(stored(storage)).toEqual([[one.entries()[0]![0], 1]]);
    });

    it(`keeps only the newest ${PENDING_MAX} entries, and ${PENDING_CHARS_MAX} characters, while nothing is answered`, async () => {
      const storage = memoryBackend();
      const shop = page([], storage);
      shop.answerWith(offline);
      const forwarder = shop.start();
      for (let i = 0; i < PENDING_MAX + 10; i += 1) shop.win.dataLayer.push({ event: 'add_to_cart', ecommerce: addToCart });
      forwarder.poll();
      await flush();
      expect(stored(storage).map(([, index]) => index)).toEqual(Array.from({ length: PENDING_MAX }, (_, i) => i + 10));
      // Long entries (a cart of many lines): the oldest go until the rest fit.
      const long = { currency: 'USD', items: Array.from({ length: 200 }, (_, i) => ({ ...womensGreyTee, item_id: `SKU_${i}` })) };
      for (let i = 0; i < 10; i += 1) shop.win.dataLayer.push({ event: 'view_cart', ecommerce: long });
      forwarder.poll();
      await flush();
      const json = storage.getItem(KEY)!;
      expect(json.length).toBeLessThanOrEqual(PENDING_CHARS_MAX);
      expect(stored(storage).at(-1)).toEqual([expect.any(String), PENDING_MAX + 19]);
      expect(stored(storage).length).toBeLessThan(10);
    });

    it('sends this page’s entries when storage is blocked or full, and reads no foreign value as entries', async () => {
      const full: ShopStorage = {
        getItem: () => '{"items":[{"sku":"A"}],"currency":"EUR"}',
        setItem: () => {
          throw new DOMException('full', 'QuotaExceededError');
        },
        removeItem: () => {},
      };
      const shop = page([], full);
      shop.answerWith(offline);
      shop.push('add_to_cart', addToCart);
      const forwarder = shop.start();
      await flush();
      shop.answerWith(async () => true);
      forwarder.poll();
      await flush();
      expect(shop.entries().map(([, index, event]) => [index, event])).toEqual([
        [1, 'add_to_cart'],
        [1, 'add_to_cart'],
      ]);
      const junk = memoryBackend();
      junk.setItem(KEY, JSON.stringify([null, 'x', 7, ['page0001', { index: 0, event: 'add_to_cart', ecommerce: '{}' }]]));
      const next = page([], junk);
      next.start();
      await flush();
      expect(next.entries()).toEqual([['page0001', 0, 'add_to_cart']]);
    });
  });
});
