import type { Cart, CartStage } from '@mostrador/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDataLayerCart, type DataLayerCart } from './dataLayerCart.ts';
import { addToCart, beginCheckout, purchase, removeFromCart, stanAndFriendsTee, viewCart, womensGreyTee } from './fixtures/ga4Events.ts';

const tee = (qty: number) => ({
  sku: 'SKU_12345',
  name: 'Stan and Friends Tee',
  qty,
  price: 10.01,
  url: null,
  image: null,
});
const greyTee = (qty: number) => ({
  sku: 'SKU_12346',
  name: "Google Grey Women's Tee",
  qty,
  price: 21.01,
  url: null,
  image: null,
});

/** localStorage as the widget passes it: shared by every page of the shop. */
const storage = () => ({ value: null as string | null });

const started: DataLayerCart[] = [];

/** One page load: a fresh dataLayer, the shop's gtag, and our adapter once `start` is called. */
function page(store = storage(), layer: unknown[] = []) {
  const win = { dataLayer: layer };
  const reports: [Cart, CartStage][] = [];
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
    const adapter = createDataLayerCart({
      win,
      load: () => store.value,
      save: (json) => {
        store.value = json;
      },
      onCart: (cart, stage) => reports.push([cart, stage]),
    });
    started.push(adapter);
    return adapter;
  };
  return { win, reports, store, gtag, push, start };
}

describe('createDataLayerCart', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    for (const adapter of started.splice(0)) adapter.stop();
    vi.useRealTimers();
  });

  it('reads add_to_cart pushed before it started, ignoring the ecommerce:null clearing push', () => {
    const shop = page();
    shop.push('add_to_cart', addToCart);
    shop.start();
    expect(shop.reports).toEqual([[{ items: [tee(3)], total: 30.03, currency: 'USD' }, 'browsing']]);
  });

  it('picks up later pushes on the 500 ms poll, or at once with poll()', () => {
    const shop = page();
    const adapter = shop.start();
    shop.push('add_to_cart', addToCart);
    vi.advanceTimersByTime(499);
    expect(shop.reports).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(shop.reports).toHaveLength(1);
    shop.push('add_to_cart', { currency: 'USD', items: [womensGreyTee] });
    adapter.poll();
    expect(shop.reports[1]).toEqual([{ items: [tee(3), greyTee(2)], total: 72.05, currency: 'USD' }, 'browsing']);
  });

  it('merges quantities of the same item_id and sums price × quantity', () => {
    const shop = page();
    shop.push('add_to_cart', addToCart);
    shop.push('add_to_cart', { currency: 'USD', value: 10.01, items: [{ ...stanAndFriendsTee, quantity: 1 }] });
    shop.start();
    expect(shop.reports.at(-1)).toEqual([{ items: [tee(4)], total: 40.04, currency: 'USD' }, 'browsing']);
  });

  it('subtracts remove_from_cart and drops the line at zero', () => {
    const shop = page();
    shop.push('add_to_cart', { currency: 'USD', items: [{ ...stanAndFriendsTee, quantity: 5 }, womensGreyTee] });
    shop.push('remove_from_cart', removeFromCart);
    shop.push('remove_from_cart', { currency: 'USD', items: [womensGreyTee] });
    shop.start();
    expect(shop.reports.map(([cart]) => cart.items)).toEqual([[tee(5), greyTee(2)], [tee(2), greyTee(2)], [tee(2)]]);
    expect(shop.reports.at(-1)?.[0].total).toBe(20.02);
  });

  it('does not report a removal of an item the cart does not hold', () => {
    const shop = page();
    shop.push('add_to_cart', addToCart);
    shop.push('remove_from_cart', { currency: 'USD', items: [womensGreyTee] });
    shop.start();
    expect(shop.reports).toHaveLength(1);
  });

  it("replaces the cart on view_cart and begin_checkout, using the event's value as the total", () => {
    const shop = page();
    shop.push('add_to_cart', { currency: 'USD', items: [womensGreyTee] });
    shop.push('view_cart', { ...viewCart, value: 28 });
    shop.push('begin_checkout', beginCheckout);
    shop.start();
    expect(shop.reports.slice(1)).toEqual([
      [{ items: [tee(3)], total: 28, currency: 'USD' }, 'browsing'],
      [{ items: [tee(3)], total: 30.03, currency: 'USD' }, 'checkout'],
    ]);
  });

  it('reports a purchase with its items, then starts the next page with an empty cart', () => {
    const store = storage();
    const thanks = page(store);
    thanks.push('add_to_cart', addToCart);
    thanks.push('purchase', purchase);
    thanks.start();
    expect(thanks.reports.at(-1)).toEqual([{ items: [tee(3), greyTee(2)], total: 72.05, currency: 'USD' }, 'purchase']);
    const next = page(store);
    const adapter = next.start();
    expect(next.reports).toEqual([]);
    next.push('add_to_cart', { currency: 'USD', items: [{ ...womensGreyTee, quantity: 1 }] });
    adapter.poll();
    expect(next.reports).toEqual([[{ items: [greyTee(1)], total: 21.01, currency: 'USD' }, 'browsing']]);
  });

  it('does not report a purchase twice when the thank-you page is reloaded', () => {
    const store = storage();
    const first = page(store);
    first.push('purchase', purchase);
    first.start();
    const reload = page(store);
    reload.push('purchase', purchase);
    reload.start();
    expect(first.reports).toHaveLength(1);
    expect(reload.reports).toEqual([]);
  });

  it("reads gtag's arguments objects", () => {
    const shop = page();
    shop.gtag('js', new Date());
    shop.gtag('config', 'G-XXXXXXX');
    shop.gtag('event', 'add_to_cart', addToCart);
    shop.gtag('event', 'begin_checkout', beginCheckout);
    shop.start();
    expect(shop.reports).toEqual([
      [{ items: [tee(3)], total: 30.03, currency: 'USD' }, 'browsing'],
      [{ items: [tee(3)], total: 30.03, currency: 'USD' }, 'checkout'],
    ]);
  });

  it('skips events until one names a currency, then keeps the last known one', () => {
    const shop = page();
    shop.push('add_to_cart', { items: [womensGreyTee] });
    shop.push('add_to_cart', { ...addToCart, currency: 'eur' });
    shop.push('add_to_cart', { items: [{ ...stanAndFriendsTee, quantity: 1 }] });
    shop.start();
    expect(shop.reports).toEqual([
      [{ items: [tee(3)], total: 30.03, currency: 'EUR' }, 'browsing'],
      [{ items: [tee(4)], total: 40.04, currency: 'EUR' }, 'browsing'],
    ]);
  });

  it('carries the cart to the next page, reports it once there, and does not count the earlier page again', () => {
    const store = storage();
    const product = page(store);
    product.push('add_to_cart', addToCart);
    product.start();
    const next = page(store);
    const adapter = next.start();
    expect(next.reports).toEqual([[{ items: [tee(3)], total: 30.03, currency: 'USD' }, 'browsing']]);
    vi.advanceTimersByTime(5_000);
    expect(next.reports).toHaveLength(1);
    next.push('add_to_cart', { currency: 'USD', items: [{ ...stanAndFriendsTee, quantity: 1 }] });
    adapter.poll();
    expect(next.reports.at(-1)?.[0].items).toEqual([tee(4)]);
  });

  it('does not count entries twice when restarted on the same page', () => {
    const store = storage();
    const layer: unknown[] = [];
    const shop = page(store, layer);
    shop.push('add_to_cart', addToCart);
    shop.start().stop();
    const again = page(store, layer);
    again.start();
    expect(again.reports).toEqual([[{ items: [tee(3)], total: 30.03, currency: 'USD' }, 'browsing']]);
  });

  it('keeps changes another tab saved since the last read', () => {
    const store = storage();
    const tabA = page(store);
    const tabB = page(store);
    const a = tabA.start();
    const b = tabB.start();
    tabA.push('add_to_cart', addToCart);
    a.poll();
    tabB.push('add_to_cart', { currency: 'USD', items: [womensGreyTee] });
    b.poll();
    expect(tabB.reports.at(-1)?.[0].items).toEqual([tee(3), greyTee(2)]);
  });

  it('does not report the same cart and stage twice in a row', () => {
    const shop = page();
    shop.push('view_cart', viewCart);
    shop.push('view_cart', viewCart);
    shop.start();
    expect(shop.reports).toHaveLength(1);
  });

  it('never replaces dataLayer.push, and reads a dataLayer created after it started', () => {
    const win: { dataLayer?: unknown[] } = {};
    const reports: Cart[] = [];
    started.push(createDataLayerCart({ win, load: () => null, save: () => {}, onCart: (cart) => reports.push(cart) }));
    win.dataLayer = [{ event: 'add_to_cart', ecommerce: addToCart }];
    vi.advanceTimersByTime(500);
    expect(reports).toHaveLength(1);
    expect(win.dataLayer.push).toBe(Array.prototype.push);
  });

  it('ignores unusable items and corrupt storage', () => {
    const store = { value: '{"items": "nope", "currency": 12' };
    const shop = page(store);
    shop.push('add_to_cart', {
      currency: 'USD',
      items: [{ price: 5 }, { item_id: 'A', quantity: 0 }, { item_id: 'B', quantity: 1.5 }, { item_name: 'Mug', price: 'x' }],
    });
    shop.start();
    expect(shop.reports).toEqual([
      [{ items: [{ sku: null, name: 'Mug', qty: 1, price: 0, url: null, image: null }], total: 0, currency: 'USD' }, 'browsing'],
    ]);
    expect(JSON.parse(store.value)).toMatchObject({ currency: 'USD', items: [{ name: 'Mug', qty: 1 }] });
  });

  it('keeps at most 100 lines', () => {
    const shop = page();
    const many = Array.from({ length: 120 }, (_, i) => ({ item_id: `SKU_${i}`, item_name: `Item ${i}`, price: 1 }));
    shop.push('view_cart', { currency: 'USD', items: many });
    shop.push('add_to_cart', { currency: 'USD', items: [{ item_id: 'SKU_NEW', item_name: 'New', price: 1 }] });
    shop.start();
    expect(shop.reports[0]?.[0].items).toHaveLength(100);
    expect(shop.reports[0]?.[0].total).toBe(100);
    expect(shop.reports).toHaveLength(1);
  });

  it('stops polling on stop()', () => {
    const shop = page();
    shop.start().stop();
    shop.push('add_to_cart', addToCart);
    vi.advanceTimersByTime(5_000);
    expect(shop.reports).toEqual([]);
  });

  it('gives the caller copies that later events do not change', () => {
    const shop = page();
    shop.push('add_to_cart', addToCart);
    shop.push('add_to_cart', addToCart);
    shop.start();
    expect(shop.reports.map(([cart]) => cart.items[0]?.qty)).toEqual([3, 6]);
  });
});
