import type { ProductCard } from '@mostrador/shared';
import { describe, expect, it, vi } from 'vitest';
import { shopCartOf, type ShopPage } from './shopCart.ts';

const CARD: ProductCard = {
  name: 'Hoodie',
  url: 'https://shop.example/products/hoodie',
  price: 42,
  currency: 'EUR',
  image: null,
  sku: 'HOOD-M',
};

/** A Shopify store's page (under its Spanish locale root), whose fetch answers from `routes`. */
function shopifyPage(routes: Record<string, () => Response>, root = '/es/') {
  const fetch = vi.fn(async (url: string | URL | Request) => routes[String(url)]?.() ?? new Response('', { status: 404 }));
  const page: ShopPage = { location: { origin: 'https://shop.example' }, fetch, Shopify: { shop: 'shop.myshopify.com', routes: { root } } };
  return { page, fetch };
}
const json = (body: unknown) => () => new Response(JSON.stringify(body), { status: 200 });
const ADD = 'https://shop.example/es/cart/add.js';
const bodyOf = (fetch: ReturnType<typeof vi.fn>, url: string) =>
  JSON.parse(String((fetch.mock.calls.find(([u]) => String(u) === url)?.[1] as RequestInit | undefined)?.body)) as unknown;

describe('a shop’s cart, for product cards', () => {
  it('is none on a shop that is not Shopify and registered no hook (or something not a function)', () => {
    const page: ShopPage = { location: { origin: 'https://shop.example' }, fetch: vi.fn() };
    expect(shopCartOf(page, undefined)).toBeNull();
    expect(shopCartOf(page, 'addToCart')).toBeNull();
    expect(shopCartOf(null, undefined)).toBeNull();
  });

  it('is the merchant’s hook when registered, given a copy of the card; false or a failure is "not added"', async () => {
    const seen: unknown[] = [];
    const hook = vi.fn(async (product: ProductCard) => {
      seen.push(product);
      return undefined;
    });
    // A hook wins even on Shopify: the store has a cart of its own to update.
    const { page, fetch } = shopifyPage({});
    expect(await shopCartOf(page, hook)!.add(CARD)).toBe(true);
    expect(seen).toEqual([CARD]);
    expect(seen[0]).not.toBe(CARD);
    expect(fetch).not.toHaveBeenCalled();
    expect(await shopCartOf(null, () => false)!.add(CARD)).toBe(false);
    expect(
      await shopCartOf(null, () => {
        throw new Error('sold out');
      })!.add(CARD),
    ).toBe(false);
    expect(await shopCartOf(null, () => Promise.reject(new Error('offline')))!.add(CARD)).toBe(false);
  });

  it('on Shopify adds the variant the link names, under the store’s locale root', async () => {
    const { page, fetch } = shopifyPage({ [ADD]: json({ items: [] }) });
    expect(await shopCartOf(page, undefined)!.add({ ...CARD, url: `${CARD.url}?variant=4242` })).toBe(true);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(bodyOf(fetch, ADD)).toEqual({ items: [{ id: 4242, quantity: 1 }] });
  });

  it('on Shopify otherwise reads the product’s variants and adds the one with the card’s SKU, else the first on sale', async () => {
    const variants = [
      { id: 1, sku: 'HOOD-S', available: false },
      { id: 2, sku: 'HOOD-L', available: true },
      { id: 3, sku: 'HOOD-M', available: true },
    ];
    const { page, fetch } = shopifyPage({ 'https://shop.example/products/hoodie.js': json({ variants }), [ADD]: json({ items: [] }) });
    const cart = shopCartOf(page, undefined)!;
    expect(await cart.add(CARD)).toBe(true);
    expect(bodyOf(fetch, ADD)).toEqual({ items: [{ id: 3, quantity: 1 }] });
    fetch.mockClear();
    expect(await cart.add({ ...CARD, sku: null })).toBe(true);
    expect(bodyOf(fetch, ADD)).toEqual({ items: [{ id: 2, quantity: 1 }] });
  });

  it('on Shopify refuses another origin’s product without asking anything, and reports a refused add', async () => {
    const { page, fetch } = shopifyPage(
      { 'https://shop.example/products/hoodie.js': json({ variants: [{ id: 3 }] }), [ADD]: () => new Response('', { status: 422 }) },
      '/',
    );
    const cart = shopCartOf(page, undefined)!;
    expect(await cart.add({ ...CARD, url: 'https://elsewhere.example/products/hoodie?variant=1' })).toBe(false);
    expect(fetch).not.toHaveBeenCalled();
    expect(await cart.add(CARD)).toBe(false);
    expect(fetch.mock.calls.map(([u]) => String(u))).toEqual([
      'https://shop.example/products/hoodie.js',
      'https://shop.example/cart/add.js',
    ]);
  });
});
