import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CartSet, PageViewed } from '@mostrador/shared';
import { memoryBackend, session } from '../chat/testSession.ts';
import type { ShopStorage } from '../chat/visitorStorage.ts';
import { FakeTransport, flush } from '../transport/fakeTransport.ts';
import * as shopifyChunk from '../context/shopifyChunk.ts';
import { startShopTracker } from './shopTracker.ts';

type ShopWindow = Window & typeof globalThis & { dataLayer?: unknown[]; Shopify?: unknown };
const shop = window as ShopWindow;

const HOODIE_LD = JSON.stringify({
  '@context': 'https://schema.org',
  '@type': 'Product',
  name: 'Dessuadora Mostrador',
  sku: 'HOOD-M',
  image: 'https://botiga.example/img/hoodie.jpg',
  offers: { '@type': 'Offer', price: '42.00', priceCurrency: 'EUR', availability: 'https://schema.org/InStock' },
});

beforeEach(() => {
  vi.useFakeTimers();
  history.replaceState(null, '', '/p/hoodie');
  const productData = document.createElement('script');
  productData.type = 'application/ld+json';
  productData.textContent = HOODIE_LD;
  document.head.replaceChildren(productData);
  document.title = 'Dessuadora — Botiga';
  shop.dataLayer = [];
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  delete shop.dataLayer;
  delete shop.Shopify;
  document.head.replaceChildren();
});

/** A tracker whose Shopify chunk is fetched with `loadShopify` (by default: at hand, as once fetched). */
const start = (
  transport: FakeTransport,
  loadShopify: () => typeof shopifyChunk | Promise<typeof shopifyChunk> = () => shopifyChunk,
  storage: ShopStorage = memoryBackend(),
) => startShopTracker({ win: shop, transport, storage, key: 'mostrador:site_1', loadShopify });

/** Page views sent, oldest first. */
const pages = (t: FakeTransport) => t.notified.filter((n) => n.event === 'page:viewed').map((n) => n.payload as PageViewed);
const carts = (t: FakeTransport) => t.notified.filter((n) => n.event === 'cart:updated').map((n) => n.payload);
/** The shop's `setCart` calls sent for the server to read, as it would read them. */
const setCarts = (t: FakeTransport) => t.pending('cart:set').map((r) => JSON.parse((r.payload as CartSet).cart) as unknown);
const CAP = { sku: 'CAP', name: 'Gorra', qty: 1, price: 15 };

describe('the shop tracker', () => {
  it('reports the page with its product markup once connected, and again after every reconnect as resumed', () => {
    const transport = new FakeTransport();
    start(transport);
    expect(pages(transport)).toEqual([]);
    transport.establish(session(null));
    expect(pages(transport)).toEqual([
      expect.objectContaining({
        url: 'http://localhost:3000/p/hoodie',
        title: 'Dessuadora — Botiga',
        markup: { jsonLd: [HOODIE_LD], meta: {} },
      }),
    ]);
    vi.advanceTimersByTime(4_000);
    transport.drop();
    transport.establish(session(null));
    // The same page on a new connection: the server goes on with it rather than counting a new one.
    expect(pages(transport)).toHaveLength(2);
    expect(pages(transport)[1]).toEqual({ ...pages(transport)[0], resumed: { ms: 4_000, invited: false } });
  });

  it('reads the time zone off the start: from Intl in a task of its own, from Temporal where the browser has it', () => {
    const format = vi.spyOn(Intl, 'DateTimeFormat');
    const transport = new FakeTransport();
    start(transport);
    // Not during the widget's start: the first Intl.DateTimeFormat of a page is a long task on a slow phone.
    expect(format).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(format).toHaveBeenCalledTimes(1);
    transport.establish(session(null));
    expect(pages(transport)[0]?.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);

    const withTemporal = Object.assign(Object.create(shop) as ShopWindow, {
      Temporal: { Now: { timeZoneId: () => 'Europe/Madrid' } },
      document,
      navigator,
      location,
    });
    format.mockClear();
    const other = new FakeTransport();
    startShopTracker({
      win: withTemporal,
      transport: other,
      storage: memoryBackend(),
      key: 'mostrador:site_2',
      loadShopify: () => shopifyChunk,
    });
    other.establish(session(null));
    expect(pages(other)[0]?.timeZone).toBe('Europe/Madrid');
    expect(format).not.toHaveBeenCalled();
  });

  it('follows a single-page shop’s history changes, with the previous page as referrer', () => {
    const transport = new FakeTransport();
    start(transport);
    transport.establish(session(null));
    history.pushState(null, '', '/cart');
    document.head.replaceChildren();
    document.title = 'Cistella';
    vi.advanceTimersByTime(1_500);
    expect(pages(transport).at(-1)).toEqual(
      expect.objectContaining({
        url: 'http://localhost:3000/cart',
        title: 'Cistella',
        referrer: 'http://localhost:3000/p/hoodie',
        markup: { jsonLd: [], meta: {} },
        // Not a page load: a checkout the shop began on the way goes on (the server ends one at a page load).
        historyChange: true,
      }),
    );
    expect(pages(transport)[0]?.historyChange).toBeUndefined();
  });

  it('forwards GA4 dataLayer events for the server to read the cart from, with no merchant code', async () => {
    const transport = new FakeTransport();
    start(transport);
    // In the order of GA4_KEYS, which is the order the pruned JSON keeps.
    const addHoodies = {
      event: 'add_to_cart',
      ecommerce: { currency: 'EUR', value: 84, items: [{ item_id: 'HOOD-M', item_name: 'Dessuadora M', quantity: 2, price: 42 }] },
    };
    shop.dataLayer!.push(addHoodies);
    vi.advanceTimersByTime(600);
    await flush();
    // Nothing goes before the server greets the widget.
    expect(transport.pending('cart:tracked')).toEqual([]);
    transport.establish(session(null));
    const tracked = transport.take('cart:tracked');
    expect(tracked.payload).toEqual({
      page: expect.any(String),
      entries: [{ index: 0, event: 'add_to_cart', ecommerce: JSON.stringify(addHoodies.ecommerce) }],
    });
    tracked.reply({ ok: true, data: { applied: 1 } });
    await flush();
    vi.advanceTimersByTime(2_000);
    expect(transport.pending('cart:tracked')).toEqual([]);
    expect(carts(transport)).toEqual([]);
  });

  it('sends again, after a reconnect, the events the server did not answer, with the same page id and index', async () => {
    const transport = new FakeTransport();
    start(transport);
    transport.establish(session(null));
    shop.dataLayer!.push({
      event: 'add_to_cart',
      ecommerce: { currency: 'EUR', items: [{ item_id: 'CAP', item_name: 'Gorra', price: 15 }] },
    });
    vi.advanceTimersByTime(600);
    const lost = transport.take('cart:tracked');
    transport.drop();
    lost.timeOut();
    await flush();
    vi.advanceTimersByTime(2_000);
    await flush();
    expect(transport.pending('cart:tracked')).toEqual([]);
    transport.establish(session(null));
    expect(transport.take('cart:tracked').payload).toEqual(lost.payload);
  });

  it('sends from the next page load the GA4 events not answered before the page went, and drops the cart widgets kept before', async () => {
    const storage = memoryBackend();
    storage.setItem('mostrador:site_1:cart', '{"items":[],"currency":"EUR","total":0}');
    const transport = new FakeTransport();
    start(transport, undefined, storage);
    expect(storage.getItem('mostrador:site_1:cart')).toBeNull();
    // Pushed while the socket is still connecting; the shopper leaves before it is.
    shop.dataLayer!.push({ event: 'add_to_cart', ecommerce: { currency: 'EUR', items: [{ item_id: 'HOOD-M', price: 42 }] } });
    vi.advanceTimersByTime(500);
    expect(transport.pending('cart:tracked')).toEqual([]);

    shop.dataLayer = [];
    const next = new FakeTransport();
    start(next, undefined, storage);
    await flush();
    next.establish(session(null));
    const resent = next.take('cart:tracked');
    expect(resent.payload.entries).toEqual([expect.objectContaining({ index: 0, event: 'add_to_cart' })]);
    resent.reply({ ok: true, data: { applied: 1 } });
    await flush();
    expect(JSON.parse(storage.getItem('mostrador:site_1:ga4')!)).toEqual([]);
  });

  it('forwards a dataLayer the shop defines after the widget started', () => {
    delete shop.dataLayer;
    const transport = new FakeTransport();
    start(transport);
    transport.establish(session(null));
    shop.dataLayer = [
      { event: 'add_to_cart', ecommerce: { currency: 'EUR', items: [{ item_id: 'BAG', item_name: 'Motxilla', price: 119, quantity: 1 }] } },
    ];
    vi.advanceTimersByTime(600);
    expect(transport.take('cart:tracked').payload.entries.map((entry) => entry.event)).toEqual(['add_to_cart']);
  });

  it('lets the shop’s own setCart win over the automatic sources', () => {
    const transport = new FakeTransport();
    const tracker = start(transport);
    transport.establish(session(null));
    tracker.setCart({ items: [CAP], total: 15, currency: 'EUR' });
    shop.dataLayer!.push({
      event: 'add_to_cart',
      ecommerce: { currency: 'EUR', items: [{ item_id: 'X', item_name: 'X', price: 1, quantity: 1 }] },
    });
    vi.advanceTimersByTime(2_000);
    expect(setCarts(transport)).toEqual([{ items: [CAP], total: 15, currency: 'EUR' }]);
    expect(transport.pending('cart:tracked')).toEqual([]);
    expect(carts(transport)).toEqual([]);
  });

  it('sends setCart for the server to read, with only the keys it reads and the page its links resolve against', () => {
    const transport = new FakeTransport();
    const tracker = start(transport);
    tracker.setCart({
      items: [{ ...CAP, url: '/p/gorra', colour: 'blau' }],
      currency: 'eur',
      coupon: 'ESTIU',
      customer: { email: 'n@x.cat' },
    });
    // Nothing goes before the server greets the widget.
    expect(transport.pending('cart:set')).toEqual([]);
    transport.establish(session(null));
    expect(transport.take('cart:set').payload).toEqual({
      cart: JSON.stringify({ items: [{ ...CAP, url: '/p/gorra' }], currency: 'eur' }),
      base: 'http://localhost:3000/p/hoodie',
    });
  });

  it('sends the shop’s cart again after a reconnect, and shows the merchant the server’s refusal', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const transport = new FakeTransport();
    const tracker = start(transport);
    transport.establish(session(null));
    tracker.setCart({ items: [CAP], currency: 'EUR' });
    const first = transport.take('cart:set');
    transport.drop();
    first.timeOut();
    transport.establish(session(null));
    const again = transport.take('cart:set');
    expect(again.payload).toEqual(first.payload);
    again.reply({ ok: false, error: { code: 'invalid_payload', message: 'setCart needs {items, total, currency}' } });
    await flush();
    expect(warn).toHaveBeenCalledWith('[Mostrador] setCart refused: setCart needs {items, total, currency}');
  });

  it('refuses at once a setCart with no currency or too big to send, and the automatic cart goes on', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const transport = new FakeTransport();
    const tracker = start(transport);
    transport.establish(session(null));
    tracker.setCart({ items: [CAP], total: 15 });
    tracker.setCart('cistella');
    tracker.setCart({ items: Array.from({ length: 100 }, () => ({ ...CAP, name: 'G'.repeat(500) })), currency: 'EUR' });
    expect(warn).toHaveBeenCalledTimes(3);
    expect(transport.pending('cart:set')).toEqual([]);
    shop.dataLayer!.push({ event: 'add_to_cart', ecommerce: { currency: 'EUR', items: [{ item_id: 'X', item_name: 'X', price: 1 }] } });
    vi.advanceTimersByTime(600);
    expect(transport.pending('cart:tracked')).toHaveLength(1);
  });

  it('sends identify once connected, and again after a reconnect', async () => {
    const transport = new FakeTransport();
    const tracker = start(transport);
    tracker.identify({ id: 42, name: ' Núria ', hash: 'ab'.repeat(32), admin: true });
    expect(transport.pending('visitor:identify')).toHaveLength(0);
    transport.establish(session(null));
    expect(transport.take('visitor:identify').payload).toEqual({ id: '42', name: 'Núria', hash: 'ab'.repeat(32) });
    transport.drop();
    transport.establish(session(null));
    await flush();
    expect(transport.take('visitor:identify').payload.id).toBe('42');
  });

  it('tells its subscribers about each new page read, not about cart reports', () => {
    const transport = new FakeTransport();
    const tracker = start(transport);
    let heard = 0;
    tracker.subscribe(() => void (heard += 1));
    transport.establish(session(null));
    history.pushState(null, '', '/cart');
    vi.advanceTimersByTime(1_500);
    expect(pages(transport).at(-1)?.url).toBe('http://localhost:3000/cart');
    tracker.setCart({ items: [{ ...CAP, qty: 2 }], currency: 'EUR' });
    expect(setCarts(transport)).toEqual([{ items: [{ ...CAP, qty: 2 }], currency: 'EUR' }]);
    expect(heard).toBe(1);
  });

  describe('on a Shopify store', () => {
    const SHOPIFY_CART = {
      currency: 'EUR',
      total_price: 4200,
      items: [{ sku: 'HOOD-M', title: 'Dessuadora - M', quantity: 1, final_price: 4200 }],
    };
    beforeEach(() => {
      delete shop.dataLayer;
      shop.Shopify = { shop: 'botiga.myshopify.com' };
      vi.spyOn(shop, 'fetch').mockImplementation(async () => new Response(JSON.stringify(SHOPIFY_CART)));
    });

    it('fetches the Shopify chunk, and only there, then follows /cart.js with it', async () => {
      const loads: string[] = [];
      delete shop.Shopify;
      start(new FakeTransport(), () => (loads.push('elsewhere'), shopifyChunk));
      shop.Shopify = { shop: 'botiga.myshopify.com' };
      const transport = new FakeTransport();
      start(transport, () => (loads.push('shopify'), Promise.resolve(shopifyChunk)));
      transport.establish(session(null));
      await vi.waitFor(() => expect(carts(transport)).toHaveLength(1));
      expect(loads).toEqual(['shopify']);
      expect(shop.fetch).toHaveBeenCalledWith('/cart.js', { credentials: 'same-origin' });
      expect(carts(transport)[0]).toMatchObject({
        source: 'shopify',
        cart: { total: 42, currency: 'EUR', items: [{ sku: 'HOOD-M', qty: 1 }] },
      });
    });

    it('lets a setCart made before the chunk arrives win: the adapter never starts', async () => {
      const transport = new FakeTransport();
      let arrive = (_module: typeof shopifyChunk) => {};
      const tracker = start(transport, () => new Promise((resolve) => (arrive = resolve)));
      transport.establish(session(null));
      tracker.setCart({ items: [CAP], total: 15, currency: 'EUR' });
      arrive(shopifyChunk);
      await flush();
      vi.advanceTimersByTime(2_000);
      await flush();
      expect(shop.fetch).not.toHaveBeenCalled();
      expect(carts(transport)).toEqual([]);
      expect(setCarts(transport)).toEqual([{ items: [CAP], total: 15, currency: 'EUR' }]);
    });
  });
});
