import { describe, expect, it } from 'vitest';
import { addToCart, purchase } from '../shop/fixtures/ga4Events.ts';
import { GA4_BYTES_MAX, GA4_ENTRIES_MAX, GA4_ENTRY_CHARS_MAX } from '../shop/ga4.ts';
import { MANUAL_CART_BYTES_MAX } from '../shop/manual.ts';
import { CartSet, CartTracked } from './shop.ts';

const entry = (index: number, event = 'add_to_cart', ecommerce: unknown = addToCart) => ({
  index,
  event,
  ecommerce: typeof ecommerce === 'string' ? ecommerce : JSON.stringify(ecommerce),
});
const batch = (...entries: unknown[]) => ({ page: 'k2x9a7f3q1', entries });
const refused = (input: unknown) => CartTracked.safeParse(input).success === false;

describe('CartTracked', () => {
  it('takes GA4 events as the widget forwards them, in the order of the dataLayer', () => {
    const parsed = CartTracked.parse(batch(entry(3), entry(5, 'purchase', purchase)));
    expect(parsed.entries.map(({ index, event }) => [index, event])).toEqual([
      [3, 'add_to_cart'],
      [5, 'purchase'],
    ]);
    expect(JSON.parse(parsed.entries[1]!.ecommerce)).toMatchObject({ transaction_id: 'T_12345' });
  });

  it('refuses events that are not about the cart, and an ecommerce that is not JSON of an object', () => {
    expect(refused(batch(entry(1, 'page_view')))).toBe(true);
    expect(refused(batch(entry(1, 'add_to_cart', '{"currency":"USD",')))).toBe(true);
    expect(refused(batch(entry(1, 'add_to_cart', '[1,2]')))).toBe(true);
    expect(refused(batch(entry(1, 'add_to_cart', 'null')))).toBe(true);
    expect(refused(batch({ index: 1, event: 'add_to_cart', ecommerce: addToCart }))).toBe(true);
  });

  it('refuses a page id that is not one the widget makes, and entries out of the dataLayer’s order', () => {
    expect(refused({ page: 'x', entries: [entry(1)] })).toBe(true);
    expect(refused({ page: '../../etc/passwd', entries: [entry(1)] })).toBe(true);
    expect(refused(batch(entry(5), entry(3)))).toBe(true);
    expect(refused(batch(entry(3), entry(3)))).toBe(true);
    expect(refused(batch(entry(-1)))).toBe(true);
    expect(refused(batch(entry(1.5)))).toBe(true);
    expect(refused(batch())).toBe(true);
  });

  it('caps the entries, each entry and the whole as it travels', () => {
    const entries = Array.from({ length: GA4_ENTRIES_MAX + 1 }, (_, i) => entry(i));
    expect(refused(batch(...entries.slice(0, -1)))).toBe(false);
    expect(refused(batch(...entries))).toBe(true);
    const named = (name: string) => ({ currency: 'USD', items: [{ item_name: name }] });
    const longest = 'x'.repeat(GA4_ENTRY_CHARS_MAX - JSON.stringify(named('')).length);
    expect(refused(batch(entry(1, 'view_cart', named(longest))))).toBe(false);
    expect(refused(batch(entry(1, 'view_cart', named(`${longest}x`))))).toBe(true);
    // Each entry within its limit, but wide characters make the whole too big to travel.
    const wide = named('€'.repeat(GA4_BYTES_MAX / 3 / 2));
    expect(refused(batch(entry(1, 'view_cart', wide)))).toBe(false);
    expect(refused(batch(entry(1, 'view_cart', wide), entry(2, 'view_cart', wide)))).toBe(true);
  });
});

describe('CartSet', () => {
  const base = 'https://botiga.example/cistella';
  it('takes the shop’s cart as JSON of an object, with the page it was set on', () => {
    expect(CartSet.safeParse({ cart: '{"items":[],"currency":"EUR"}', base }).success).toBe(true);
  });

  it('refuses anything but JSON of an object, and more than travels in a frame', () => {
    for (const cart of ['{"items":', '[]', '"EUR"', 'null']) expect(CartSet.safeParse({ cart, base }).success).toBe(false);
    expect(CartSet.safeParse({ cart: { currency: 'EUR' }, base }).success).toBe(false);
    const big = JSON.stringify({ currency: 'EUR', items: [{ name: '€'.repeat(MANUAL_CART_BYTES_MAX / 3) }] });
    expect(CartSet.safeParse({ cart: big, base }).success).toBe(false);
  });
});
