import { describe, expect, it } from 'vitest';
import { readManualCart } from './manualCart.ts';

const BASE = 'https://botiga.example/cistella';

describe('readManualCart', () => {
  it('cleans the shop’s cart into lines with absolute links and its own total', () => {
    expect(
      readManualCart(
        {
          items: [
            { sku: 'HOOD-M', name: '  Dessuadora  M ', qty: 2, price: 42, url: '/p/hoodie', image: '//cdn.botiga.example/h.jpg' },
            { sku: 7, name: 'Gorra', qty: '1', price: '15.50', url: 'javascript:alert(1)' },
          ],
          total: 99.5,
          currency: 'eur',
        },
        BASE,
      ),
    ).toEqual({
      items: [
        {
          sku: 'HOOD-M',
          name: 'Dessuadora M',
          qty: 2,
          price: 42,
          url: 'https://botiga.example/p/hoodie',
          image: 'https://cdn.botiga.example/h.jpg',
        },
        { sku: '7', name: 'Gorra', qty: 1, price: 15.5, url: null, image: null },
      ],
      total: 99.5,
      currency: 'EUR',
    });
  });

  it('adds up the lines when the shop gives no total, and drops lines it cannot read', () => {
    const cart = readManualCart(
      {
        items: [
          { name: 'Samarreta', qty: 3, price: 12.1 },
          { name: '', qty: 1, price: 5 },
          { name: 'Mitjons', qty: 0, price: 4 },
        ],
        currency: 'EUR',
      },
      BASE,
    );
    expect(cart).toEqual({
      items: [{ sku: null, name: 'Samarreta', qty: 3, price: 12.1, url: null, image: null }],
      total: 36.3,
      currency: 'EUR',
    });
  });

  it('drops relative links when it has no page to resolve them against', () => {
    const cart = readManualCart({
      items: [{ name: 'Gorra', price: 15, url: '/p/gorra', image: 'https://cdn.botiga.example/g.jpg' }],
      currency: 'EUR',
    });
    expect(cart?.items).toEqual([{ sku: null, name: 'Gorra', qty: 1, price: 15, url: null, image: 'https://cdn.botiga.example/g.jpg' }]);
  });

  it('refuses a cart without a currency, or that is not an object', () => {
    expect(readManualCart({ items: [], total: 0 }, BASE)).toBeNull();
    expect(readManualCart('cart', BASE)).toBeNull();
    expect(readManualCart(null, BASE)).toBeNull();
  });
});
