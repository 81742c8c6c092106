import type { Cart } from '@mostrador/shared';
import { describe, expect, it } from 'vitest';
import { cartChanges, type CartState } from './cart-history.ts';

const hoodie = { sku: 'HOOD-M', name: 'Hoodie M', qty: 2, price: 42, url: null, image: null };
const cap = { sku: 'CAP', name: 'Cap', qty: 1, price: 15, url: null, image: null };
const cart = (items: Cart['items'], stage: CartState['stage'] = 'browsing'): CartState => ({
  cart: { items, total: items.reduce((sum, i) => sum + i.qty * i.price, 0), currency: 'EUR' },
  stage,
});
const AT = 1_700_000_000_000;

describe('cartChanges', () => {
  it('tells a first line added with the subtotal after it', () => {
    expect(cartChanges(null, cart([hoodie]), AT)).toEqual([
      { at: AT, change: 'added', item: { name: 'Hoodie M', sku: 'HOOD-M' }, qty: 2, total: 84, currency: 'EUR' },
    ]);
  });

  it('tells quantity changes and removals, and nothing for a repeated report', () => {
    const before = cart([hoodie, cap]);
    expect(cartChanges(before, before, AT)).toEqual([]);
    const after = cart([{ ...hoodie, qty: 3 }]);
    expect(cartChanges(before, after, AT).map((c) => [c.change, c.item?.name, c.qty, c.total])).toEqual([
      ['quantity', 'Hoodie M', 3, 126],
      ['removed', 'Cap', 1, 126],
    ]);
  });

  it('tells an emptied cart of several lines as one step', () => {
    expect(cartChanges(cart([hoodie, cap]), cart([]), AT).map((c) => c.change)).toEqual(['cleared']);
    expect(cartChanges(cart([cap]), cart([]), AT).map((c) => c.change)).toEqual(['removed']);
  });

  it('tells checkout once, and a purchase once, without listing the purchased lines as removed', () => {
    const browsing = cart([hoodie]);
    const checkout = cart([hoodie], 'checkout');
    expect(cartChanges(browsing, checkout, AT).map((c) => c.change)).toEqual(['checkout']);
    expect(cartChanges(checkout, checkout, AT)).toEqual([]);
    const purchase = cart([hoodie], 'purchase');
    expect(cartChanges(checkout, purchase, AT).map((c) => [c.change, c.total])).toEqual([['purchase', 84]]);
    expect(cartChanges(purchase, purchase, AT)).toEqual([]);
    expect(cartChanges(purchase, cart([cap]), AT).map((c) => [c.change, c.item?.name])).toEqual([['added', 'Cap']]);
  });

  it('keeps the order number with a purchase, and tells a new order straight after another, but not the same one again', () => {
    const checkout = cart([hoodie], 'checkout');
    const bought = { ...cart([hoodie], 'purchase'), order: 'T_1041' };
    expect(cartChanges(checkout, bought, AT)).toEqual([
      { at: AT, change: 'purchase', item: null, qty: null, total: 84, currency: 'EUR', order: 'T_1041' },
    ]);
    expect(cartChanges(checkout, cart([hoodie], 'purchase'), AT).map((c) => [c.change, c.order])).toEqual([['purchase', null]]);
    // Two orders in a row, with no cart between them: the second is a purchase of its own.
    const second = { ...cart([cap], 'purchase'), order: 'T_1042' };
    expect(cartChanges(bought, second, AT).map((c) => [c.change, c.order, c.total])).toEqual([['purchase', 'T_1042', 15]]);
    // The same purchase told again brings no new order number (the transaction was counted): nothing new.
    expect(cartChanges(second, cart([cap], 'purchase'), AT)).toEqual([]);
  });

  it('keys lines without a SKU by name', () => {
    const noSku = { ...cap, sku: null };
    expect(cartChanges(cart([noSku]), cart([{ ...noSku, qty: 2 }]), AT).map((c) => c.change)).toEqual(['quantity']);
  });

  it('keys lines by SKU first, so two sizes of one product are two lines, and lines without one by name', () => {
    const medium = { ...hoodie, sku: 'HOOD-M', name: 'Hoodie' };
    const large = { ...hoodie, sku: 'HOOD-L', name: 'Hoodie' };
    expect(cartChanges(cart([medium]), cart([medium, large]), AT).map((c) => [c.change, c.item?.sku])).toEqual([['added', 'HOOD-L']]);
    const socks = { ...cap, sku: null, name: 'Socks' };
    const scarf = { ...cap, sku: null, name: 'Scarf' };
    expect(cartChanges(cart([socks, scarf]), cart([scarf]), AT).map((c) => [c.change, c.item?.name])).toEqual([['removed', 'Socks']]);
  });

  it('tells a first report at checkout or purchase, with no cart before', () => {
    expect(cartChanges(null, cart([hoodie], 'purchase'), AT).map((c) => c.change)).toEqual(['purchase']);
    expect(cartChanges(null, cart([hoodie], 'checkout'), AT).map((c) => c.change)).toEqual(['added', 'checkout']);
  });
});
