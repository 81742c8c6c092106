import type { Cart, CartItem, CartStage } from '../schemas/shop.ts';
import { amount, asList, asObject, cartItem, currency, text, type Json } from './clean.ts';
import { ORDER_NUMBER_MAX, type Ga4CartEvent } from './ga4.ts';

/** The cart as the shop's GA4 events leave it, and the transactions already counted. */
export interface Ga4CartState {
  /** Null until an event names a currency: a cart without one would be refused. */
  cart: Cart | null;
  stage: CartStage;
  /** The last transactions reported (at most PURCHASES_KEPT), so a reloaded thank-you page is not a second sale. */
  purchases: string[];
}

/**
 * What the server keeps of a visitor's GA4 events beside the cart: the last
 * entry applied of each recent page load (by its id), and the transactions
 * counted. Stored with the cart (`carts.ga4`), in the same write.
 */
export interface Ga4Progress {
  pages: [page: string, index: number][];
  purchases: string[];
}

/** Enough for a shopper who buys a few times in a row; a thank-you page is reloaded soon, if ever. */
export const PURCHASES_KEPT = 10;
const LINES_MAX = 100;
const QTY_MAX = 10_000;

/** GA4's item fields, and the `sku`/`name`/`qty` some shops write instead. */
const items = (raw: unknown): CartItem[] =>
  asList(raw)
    .map((line) => {
      const fields = asObject(line) ?? {};
      const sku = fields.item_id ?? fields.sku;
      const name = fields.item_name ?? fields.name ?? sku;
      return cartItem(sku, name, fields.quantity ?? fields.qty ?? 1, amount(fields.price));
    })
    .filter((line) => line !== null)
    .slice(0, LINES_MAX);

/**
 * The shop's order number, from GA4's `transaction_id`: text (a number
 * counts, as many shops push their numeric order id), without control or
 * invisible formatting characters (the agent reads it, and may send it to
 * the shopper), trimmed and bounded; null when nothing is left.
 */
export const orderNumber = (value: unknown): string | null =>
  text(typeof value === 'string' ? value.replace(/[\p{Cc}\p{Cf}]/gu, ' ') : value, ORDER_NUMBER_MAX);

const sum = (lines: CartItem[]) => amount(lines.reduce((total, line) => total + line.price * line.qty, 0)) ?? 1e9;
const keyOf = (line: CartItem) => line.sku ?? line.name;

/**
 * One GA4 e-commerce event (`ecommerce` as the shop pushed it) applied to the
 * cart: additions and removals change the lines and the total is their sum;
 * `view_cart` and `begin_checkout` replace the cart, with the shop's own
 * total; `purchase` reports what was bought (once per transaction), and the
 * next event starts from an empty cart. An event it cannot read (no currency
 * yet, a transaction already counted) leaves the state as it was.
 */
export function applyGa4Event(state: Ga4CartState, name: Ga4CartEvent, data: Json): Ga4CartState {
  const code = currency(data.currency) ?? state.cart?.currency;
  if (!code) return state;
  const lines = items(data.items);
  // After a purchase the cart is empty, whatever the last report held.
  const held = state.cart && state.stage !== 'purchase' ? state.cart.items : [];
  const cart = (next: CartItem[], total: number | null): Cart => ({ items: next, total: total ?? sum(next), currency: code });

  if (name === 'add_to_cart' || name === 'remove_from_cart') {
    const sign = name === 'add_to_cart' ? 1 : -1;
    const next = held.map((line) => ({ ...line }));
    for (const line of lines) {
      const existing = next.find((other) => keyOf(other) === keyOf(line));
      if (existing) existing.qty = Math.min(existing.qty + sign * line.qty, QTY_MAX);
      else if (sign > 0) next.push(line);
    }
    const kept = next.filter((line) => line.qty > 0).slice(0, LINES_MAX);
    return { ...state, cart: cart(kept, null), stage: 'browsing' };
  }
  if (name === 'view_cart' || name === 'begin_checkout') {
    return { ...state, cart: cart(lines, amount(data.value)), stage: name === 'view_cart' ? 'browsing' : 'checkout' };
  }
  const transaction = orderNumber(data.transaction_id);
  if (transaction && state.purchases.includes(transaction)) return state;
  const purchases = transaction ? [...state.purchases, transaction].slice(-PURCHASES_KEPT) : state.purchases;
  return { cart: cart(lines, amount(data.value)), stage: 'purchase', purchases };
}
