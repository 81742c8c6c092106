import { describe, expect, it } from 'vitest';
import { addToCart, beginCheckout, purchase, removeFromCart, stanAndFriendsTee, viewCart, womensGreyTee } from './fixtures/ga4Events.ts';
import type { Ga4CartEvent } from './ga4.ts';
import { applyGa4Event, orderNumber, PURCHASES_KEPT, type Ga4CartState } from './ga4Cart.ts';

const tee = (qty: number) => ({ sku: 'SKU_12345', name: 'Stan and Friends Tee', qty, price: 10.01, url: null, image: null });
const greyTee = (qty: number) => ({ sku: 'SKU_12346', name: "Google Grey Women's Tee", qty, price: 21.01, url: null, image: null });

const EMPTY: Ga4CartState = { cart: null, stage: 'browsing', purchases: [] };

/** Each state the events leave, in turn, from `start`. */
function run(events: Array<[Ga4CartEvent, Record<string, unknown>]>, start: Ga4CartState = EMPTY): Ga4CartState[] {
  const states: Ga4CartState[] = [];
  let state = start;
  for (const [name, data] of events) states.push((state = applyGa4Event(state, name, data)));
  return states;
}
const last = (events: Array<[Ga4CartEvent, Record<string, unknown>]>, start?: Ga4CartState) => run(events, start).at(-1);

describe('applyGa4Event', () => {
  it('reads add_to_cart from Google’s own example, keeping only what a cart line holds', () => {
    expect(last([['add_to_cart', addToCart]])).toEqual({
      cart: { items: [tee(3)], total: 30.03, currency: 'USD' },
      stage: 'browsing',
      purchases: [],
    });
  });

  it('merges quantities of the same item_id and sums price × quantity', () => {
    const cart = last([
      ['add_to_cart', addToCart],
      ['add_to_cart', { currency: 'USD', value: 10.01, items: [{ ...stanAndFriendsTee, quantity: 1 }] }],
      ['add_to_cart', { currency: 'USD', items: [womensGreyTee] }],
    ])?.cart;
    expect(cart).toEqual({ items: [tee(4), greyTee(2)], total: 82.06, currency: 'USD' });
  });

  it('subtracts remove_from_cart and drops the line at zero', () => {
    const states = run([
      ['add_to_cart', { currency: 'USD', items: [{ ...stanAndFriendsTee, quantity: 5 }, womensGreyTee] }],
      ['remove_from_cart', removeFromCart],
      ['remove_from_cart', { currency: 'USD', items: [womensGreyTee] }],
    ]);
    expect(states.map((state) => state.cart?.items)).toEqual([[tee(5), greyTee(2)], [tee(2), greyTee(2)], [tee(2)]]);
    expect(states.at(-1)?.cart?.total).toBe(20.02);
  });

  it('leaves the cart as it was when an item it does not hold is removed', () => {
    const [added, removed] = run([
      ['add_to_cart', addToCart],
      ['remove_from_cart', { currency: 'USD', items: [womensGreyTee] }],
    ]);
    expect(removed).toEqual(added);
  });

  it("replaces the cart on view_cart and begin_checkout, using the event's value as the total", () => {
    const states = run([
      ['add_to_cart', { currency: 'USD', items: [womensGreyTee] }],
      ['view_cart', { ...viewCart, value: 28 }],
      ['begin_checkout', beginCheckout],
    ]);
    expect(states.slice(1).map(({ cart, stage }) => [cart, stage])).toEqual([
      [{ items: [tee(3)], total: 28, currency: 'USD' }, 'browsing'],
      [{ items: [tee(3)], total: 30.03, currency: 'USD' }, 'checkout'],
    ]);
  });

  it('reports a purchase with its items and transaction, then starts the next cart empty', () => {
    const [, bought, next] = run([
      ['add_to_cart', addToCart],
      ['purchase', purchase],
      ['add_to_cart', { currency: 'USD', items: [{ ...womensGreyTee, quantity: 1 }] }],
    ]);
    expect(bought).toEqual({
      cart: { items: [tee(3), greyTee(2)], total: 72.05, currency: 'USD' },
      stage: 'purchase',
      purchases: ['T_12345'],
    });
    expect(next).toEqual({
      cart: { items: [greyTee(1)], total: 21.01, currency: 'USD' },
      stage: 'browsing',
      purchases: ['T_12345'],
    });
  });

  it('counts a transaction once, even after other events (a thank-you page reloaded later)', () => {
    const [bought, browsing, reloaded] = run([
      ['purchase', purchase],
      ['add_to_cart', addToCart],
      ['purchase', purchase],
    ]);
    expect(bought?.stage).toBe('purchase');
    expect(reloaded).toEqual(browsing);
  });

  it('reads the transaction as the order number: text or a number, trimmed, without control characters, bounded', () => {
    expect(orderNumber('  T_12345\n')).toBe('T_12345');
    expect(orderNumber(1042)).toBe('1042');
    expect(orderNumber('T_1\u202e2\u0000')).toBe('T_1 2');
    expect(orderNumber('#'.repeat(150))).toHaveLength(100);
    for (const junk of [null, undefined, {}, ['T_1'], true, ' \u200b ']) expect(orderNumber(junk)).toBeNull();
    expect(last([['purchase', { ...purchase, transaction_id: 1042 }]])?.purchases).toEqual(['1042']);
    expect(last([['purchase', { ...purchase, transaction_id: { id: 'T_1' } }]])?.purchases).toEqual([]);
  });

  it(`remembers the last ${PURCHASES_KEPT} transactions`, () => {
    const purchases = Array.from({ length: PURCHASES_KEPT + 2 }, (_, i): [Ga4CartEvent, Record<string, unknown>] => [
      'purchase',
      { ...purchase, transaction_id: `T_${i}` },
    ]);
    const state = last(purchases);
    expect(state?.purchases).toEqual(Array.from({ length: PURCHASES_KEPT }, (_, i) => `T_${i + 2}`));
  });

  it('skips events until one names a currency, then keeps the last known one', () => {
    const states = run([
      ['add_to_cart', { items: [womensGreyTee] }],
      ['add_to_cart', { ...addToCart, currency: 'eur' }],
      ['add_to_cart', { items: [{ ...stanAndFriendsTee, quantity: 1 }] }],
    ]);
    expect(states[0]).toBe(EMPTY);
    expect(states.slice(1).map((state) => state.cart)).toEqual([
      { items: [tee(3)], total: 30.03, currency: 'EUR' },
      { items: [tee(4)], total: 40.04, currency: 'EUR' },
    ]);
  });

  it('ignores unusable items', () => {
    const cart = last([
      [
        'add_to_cart',
        {
          currency: 'USD',
          items: [{ price: 5 }, { item_id: 'A', quantity: 0 }, { item_id: 'B', quantity: 1.5 }, { item_name: 'Mug', price: 'x' }],
        },
      ],
    ])?.cart;
    expect(cart).toEqual({ items: [{ sku: null, name: 'Mug', qty: 1, price: 0, url: null, image: null }], total: 0, currency: 'USD' });
  });

  it('reads the sku, name and qty some shops write instead of GA4’s fields, and prices written as text', () => {
    const cart = last([['add_to_cart', { currency: 'EUR', items: [{ sku: 'CAP', name: 'Gorra', qty: 2, price: '15.50' }] }]])?.cart;
    expect(cart).toEqual({
      items: [{ sku: 'CAP', name: 'Gorra', qty: 2, price: 15.5, url: null, image: null }],
      total: 31,
      currency: 'EUR',
    });
  });

  it('keeps at most 100 lines', () => {
    const many = Array.from({ length: 120 }, (_, i) => ({ item_id: `SKU_${i}`, item_name: `Item ${i}`, price: 1 }));
    const [viewed, added] = run([
      ['view_cart', { currency: 'USD', items: many }],
      ['add_to_cart', { currency: 'USD', items: [{ item_id: 'SKU_NEW', item_name: 'New', price: 1 }] }],
    ]);
    expect(viewed?.cart?.items).toHaveLength(100);
    expect(viewed?.cart?.total).toBe(100);
    expect(added?.cart?.items).toHaveLength(100);
  });

  it('never changes the state it is given', () => {
    const before = last([['add_to_cart', addToCart]])!;
    const copy = JSON.parse(JSON.stringify(before)) as Ga4CartState;
    applyGa4Event(before, 'add_to_cart', addToCart);
    applyGa4Event(before, 'purchase', purchase);
    expect(before).toEqual(copy);
  });
});
