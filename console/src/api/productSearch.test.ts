import type { ProductCard } from '@mostrador/shared';
import { describe, expect, it } from 'vitest';
import { FakeConnection } from './fakeConnection.ts';
import { productSearchOf } from './productSearch.ts';

const jersey: ProductCard = { name: 'Jersei', url: 'https://shop.example/p/jersei', price: 59, currency: 'EUR', image: null, sku: 'JER' };

describe('the shop’s product search over the console’s socket', () => {
  it('asks products:search with the words, and finds nothing without a connection or when refused', async () => {
    const socket = new FakeConnection().handle('products:search', ({ query }) =>
      query === 'jer' ? { ok: true, data: { products: [jersey] } } : { ok: false, error: { code: 'invalid_payload', message: 'short' } },
    );
    let current: FakeConnection | null = null;
    const search = productSearchOf(() => current);
    expect(await search('jer')).toEqual([]);
    current = socket;
    expect(await search('jer')).toEqual([]);
    socket.setStatus('connected');
    expect(await search('jer')).toEqual([jersey]);
    expect(socket.sentOf('products:search')).toEqual([{ query: 'jer' }]);
    expect(await search('j')).toEqual([]);
  });
});
