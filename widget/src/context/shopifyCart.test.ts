import type { Cart } from '@mostrador/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { shopifyCartJs } from './fixtures/shopifyCartJs.ts';
import { createShopifyCart, isShopify, observeCartRequests } from './shopifyCart.ts';

const expectedCart: Cart = {
  items: [
    {
      sku: 'DSC-GRI-M',
      name: 'Dessuadora amb caputxa - Gris / M',
      qty: 2,
      price: 42,
      url: 'https://botiga-exemple.cat/products/dessuadora-caputxa?variant=44000000000001',
      image: 'https://cdn.shopify.com/s/files/1/0612/3456/7890/files/dessuadora-gris.jpg?v=1700000000',
    },
    {
      sku: null,
      name: 'Tassa de ceràmica',
      qty: 1,
      price: 16,
      url: 'https://botiga-exemple.cat/products/tassa-ceramica?variant=44000000000777',
      image: 'https://botiga-exemple.cat/cdn/shop/files/tassa.jpg?v=1700000001',
    },
  ],
  total: 100,
  currency: 'EUR',
};

const emptyCart = { ...shopifyCartJs, items: [], item_count: 0, total_price: 0 };

/** A Shopify page: `/cart.js` answers with `answers` in turn, and the test fires the store's cart requests. */
function store(...answers: (() => Promise<unknown>)[]) {
  const carts: Cart[] = [];
  let request = () => {};
  const unobserve = vi.fn();
  const fetchCart = vi.fn(() => (answers.shift() ?? (() => Promise.resolve(shopifyCartJs)))());
  const adapter = createShopifyCart({
    fetchCart,
    onCart: (cart) => carts.push(cart),
    observe: (onCartRequest) => {
      request = onCartRequest;
      return unobserve;
    },
    base: 'https://botiga-exemple.cat/collections/all',
  });
  return { carts, fetchCart, adapter, unobserve, cartRequest: () => request() };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

describe('createShopifyCart', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('fetches once on start and converts cents, titles and URLs', async () => {
    const shop = store();
    shop.adapter.start();
    await flush();
    expect(shop.fetchCart).toHaveBeenCalledTimes(1);
    expect(shop.carts).toEqual([expectedCart]);
  });

  it("resolves relative item URLs against the page's address by default", async () => {
    const carts: Cart[] = [];
    createShopifyCart({
      fetchCart: () => Promise.resolve(shopifyCartJs),
      onCart: (cart) => carts.push(cart),
      observe: () => () => {},
    }).start();
    await flush();
    expect(carts[0]?.items[0]?.url).toBe(`${location.origin}/products/dessuadora-caputxa?variant=44000000000001`);
  });

  it('refetches once, 300 ms after a burst of cart requests', async () => {
    const shop = store(() => Promise.resolve(emptyCart));
    shop.adapter.start();
    await flush();
    shop.cartRequest();
    await vi.advanceTimersByTimeAsync(200);
    shop.cartRequest();
    await vi.advanceTimersByTimeAsync(299);
    expect(shop.fetchCart).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(shop.fetchCart).toHaveBeenCalledTimes(2);
    expect(shop.carts).toEqual([{ items: [], total: 0, currency: 'EUR' }, expectedCart]);
  });

  it('keeps the previous cart when the fetch fails or answers something else', async () => {
    const shop = store(
      () => Promise.resolve(shopifyCartJs),
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => Promise.reject(new SyntaxError('Unexpected token <')),
      () => Promise.resolve('<!doctype html><title>Error</title>'),
      () => Promise.resolve({ ...shopifyCartJs, currency: 'euro' }),
      () => Promise.resolve(emptyCart),
    );
    shop.adapter.start();
    await flush();
    for (let i = 0; i < 5; i++) {
      shop.cartRequest();
      await vi.advanceTimersByTimeAsync(300);
    }
    expect(shop.fetchCart).toHaveBeenCalledTimes(6);
    expect(shop.carts).toEqual([expectedCart, { items: [], total: 0, currency: 'EUR' }]);
  });

  it('ignores an answer overtaken by a newer request', async () => {
    let answerFirst: (cart: unknown) => void = () => {};
    const shop = store(
      () => new Promise((resolve) => (answerFirst = resolve)),
      () => Promise.resolve(emptyCart),
    );
    shop.adapter.start();
    shop.cartRequest();
    await vi.advanceTimersByTimeAsync(300);
    answerFirst(shopifyCartJs);
    await flush();
    expect(shop.carts).toEqual([{ items: [], total: 0, currency: 'EUR' }]);
  });

  it('does not report an unchanged cart again', async () => {
    const shop = store();
    shop.adapter.start();
    await flush();
    shop.cartRequest();
    await vi.advanceTimersByTimeAsync(300);
    expect(shop.fetchCart).toHaveBeenCalledTimes(2);
    expect(shop.carts).toHaveLength(1);
  });

  it('on stop, unsubscribes, cancels a pending refetch and drops an answer in flight', async () => {
    let answer: (cart: unknown) => void = () => {};
    const shop = store(() => new Promise((resolve) => (answer = resolve)));
    shop.adapter.start();
    shop.cartRequest();
    shop.adapter.stop();
    answer(shopifyCartJs);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(shop.unobserve).toHaveBeenCalledTimes(1);
    expect(shop.fetchCart).toHaveBeenCalledTimes(1);
    expect(shop.carts).toEqual([]);
  });

  it('keeps at most 100 lines and skips lines without a title or quantity', async () => {
    const line = shopifyCartJs.items[0]!;
    const lines = [{ ...line, title: '' }, { ...line, quantity: 0 }, ...Array.from({ length: 120 }, () => line)];
    const shop = store(() => Promise.resolve({ ...shopifyCartJs, items: lines }));
    shop.adapter.start();
    await flush();
    expect(shop.carts[0]?.items).toHaveLength(100);
    expect(shop.carts[0]?.items.every((item) => item.qty === 2)).toBe(true);
  });
});

describe('isShopify', () => {
  it('recognises the Shopify global by its shop name or routes', () => {
    expect(isShopify({ Shopify: { shop: 'botiga-exemple.myshopify.com' } })).toBe(true);
    expect(isShopify({ Shopify: { routes: { root: '/es/' } } })).toBe(true);
    expect(isShopify({ Shopify: {} })).toBe(false);
    expect(isShopify({ Shopify: 'yes' })).toBe(false);
    expect(isShopify(window)).toBe(false);
  });
});

describe('observeCartRequests', () => {
  /** Resource Timing as the browser reports it: entries named by absolute URL. */
  class FakeObserver {
    static current: FakeObserver | undefined;
    observed: unknown;
    disconnected = false;
    callback: (list: { getEntries(): { name: string }[] }) => void;
    constructor(callback: (list: { getEntries(): { name: string }[] }) => void) {
      this.callback = callback;
      FakeObserver.current = this;
    }
    observe(options: unknown) {
      this.observed = options;
    }
    disconnect() {
      this.disconnected = true;
    }
    emit(...paths: string[]) {
      this.callback({ getEntries: () => paths.map((path) => ({ name: `https://botiga-exemple.cat${path}` })) });
    }
  }
  const win = { PerformanceObserver: FakeObserver as unknown as typeof PerformanceObserver };

  it("calls back for the store's cart changes, with or without .js and a locale prefix", () => {
    const seen = vi.fn();
    observeCartRequests(win, seen);
    const observer = FakeObserver.current!;
    expect(observer.observed).toEqual({ type: 'resource' });
    const paths = ['/cart/add', '/cart/add.js', '/es/cart/add.js', '/cart/change.js', '/en-us/cart/update'];
    for (const path of [...paths, '/cart/clear.js?t=1']) observer.emit(path);
    expect(seen).toHaveBeenCalledTimes(6);
  });

  it('ignores our own /cart.js fetches and other requests', () => {
    const seen = vi.fn();
    observeCartRequests(win, seen);
    const observer = FakeObserver.current!;
    observer.emit('/cart.js', '/cart', '/es/cart.js', '/products/tassa.js', '/cart/add-ons.js', '/cart/change-log');
    expect(seen).not.toHaveBeenCalled();
  });

  it('disconnects on unsubscribe, and does nothing without PerformanceObserver', () => {
    const unsubscribe = observeCartRequests(win, () => {});
    unsubscribe();
    expect(FakeObserver.current!.disconnected).toBe(true);
    const seen = vi.fn();
    expect(() => observeCartRequests({}, seen)()).not.toThrow();
    expect(seen).not.toHaveBeenCalled();
  });
});
