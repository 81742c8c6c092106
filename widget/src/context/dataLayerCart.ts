import type { Cart, CartItem, CartStage } from '@mostrador/shared';
import { amount, asList, asObject, cartItem, currency, text, type Json } from '@mostrador/shared/shop';

export interface DataLayerCartOptions {
  /** `object &` lets `window` through, which declares no `dataLayer`. */
  win: object & { dataLayer?: unknown };
  /** The JSON last passed to `save`, kept across page loads (localStorage), or null. */
  load(): string | null;
  save(json: string): void;
  onCart(cart: Cart, stage: CartStage): void;
  intervalMs?: number;
}

export interface DataLayerCart {
  stop(): void;
  /** Reads the entries pushed since the last read, at once. */
  poll(): void;
}

/** The cart between page loads. */
interface State {
  items: CartItem[];
  currency: string | null;
  /** The shop's own total from the last whole-cart event, until the items change. */
  total: number | null;
  /** The last transaction reported, so a reloaded thank-you page is not a second sale. */
  purchase?: string | null;
}

/**
 * How far each page's dataLayer has been read. A new page has a new array,
 * read from the start; a widget restarted on the same page resumes.
 */
const readUpTo = new WeakMap<object, number>();

/** Reads GA4 item fields, and also our stored CartItem fields, so one check validates both. */
const items = (raw: unknown) =>
  asList(raw)
    .map((line) => {
      const fields = asObject(line) ?? {};
      const sku = fields.item_id ?? fields.sku;
      const name = fields.item_name ?? fields.name ?? sku;
      return cartItem(sku, name, fields.quantity ?? fields.qty ?? 1, amount(fields.price));
    })
    .filter((line) => line !== null)
    .slice(0, 100);

const sum = (lines: CartItem[]) => amount(lines.reduce((total, line) => total + line.price * line.qty, 0)) ?? 1e9;

/** GTM's `{event, ecommerce}`, or gtag's `arguments` object `['event', name, params]`. */
function parse(entry: unknown): [string, Json] | null {
  const fields = asObject(entry) ?? {};
  const [name, data] = fields[0] === 'event' ? [fields[1], fields[2]] : [fields.event, fields.ecommerce];
  const ecommerce = asObject(data);
  return typeof name === 'string' && ecommerce ? [name, ecommerce] : null;
}

/**
 * Follows the cart through the GA4 e-commerce events the shop already sends
 * to Google. The dataLayer is polled, never wrapped: other tags hook `push`.
 */
export function createDataLayerCart({ win, load, save, onCart, intervalMs = 500 }: DataLayerCartOptions): DataLayerCart {
  let reported = '';
  const report = (lines: CartItem[], total: number | null, code: string, stage: CartStage) => {
    const cart = { items: lines, total: total ?? sum(lines), currency: code };
    const key = JSON.stringify([cart, stage]);
    // A copy: the lines must not change under the caller when the next event updates them.
    if (key !== reported) onCart(structuredClone(cart), stage);
    reported = key;
  };

  const restore = (): State => {
    try {
      const stored = asObject(JSON.parse(load() ?? '')) ?? {};
      return {
        items: items(stored.items),
        currency: currency(stored.currency),
        total: amount(stored.total),
        purchase: text(stored.purchase, 100),
      };
    } catch {
      return { items: [], currency: null, total: null };
    }
  };

  const apply = (state: State, name: string, data: Json) => {
    const code = currency(data.currency) ?? state.currency;
    // A cart without a currency would be rejected: wait for an event that names one.
    if (!code) return;
    state.currency = code;
    const lines = items(data.items);
    const key = (line: CartItem) => line.sku ?? line.name;
    if (name === 'add_to_cart' || name === 'remove_from_cart') {
      const sign = name === 'add_to_cart' ? 1 : -1;
      for (const line of lines) {
        const existing = state.items.find((other) => key(other) === key(line));
        if (existing) existing.qty = Math.min(existing.qty + sign * line.qty, 10_000);
        else if (sign > 0) state.items.push(line);
      }
      state.items = state.items.filter((line) => line.qty > 0).slice(0, 100);
      state.total = null;
      report(state.items, null, code, 'browsing');
    } else if (name === 'view_cart' || name === 'begin_checkout') {
      state.items = lines;
      state.total = amount(data.value);
      report(lines, state.total, code, name === 'view_cart' ? 'browsing' : 'checkout');
    } else if (name === 'purchase') {
      const transaction = text(data.transaction_id, 100);
      if (transaction && transaction === state.purchase) return;
      report(lines, amount(data.value), code, 'purchase');
      Object.assign(state, { items: [], total: null, purchase: transaction });
    }
  };

  const poll = () => {
    const layer = win.dataLayer;
    if (!Array.isArray(layer)) return;
    const from = readUpTo.get(layer) ?? 0;
    readUpTo.set(layer, layer.length);
    let state: State | undefined;
    // A shorter array than we read was emptied by the page: start over.
    for (const entry of layer.slice(from > layer.length ? 0 : from)) {
      const event = parse(entry);
      if (!event) continue;
      // Read afresh, so another tab's changes since the last poll are kept.
      state ??= restore();
      apply(state, ...event);
    }
    try {
      if (state) save(JSON.stringify(state));
    } catch {
      // Storage full or blocked: the cart lives on for this page only.
    }
  };

  const { items: lines, total, currency: code } = restore();
  if (code && lines.length) report(lines, total, code, 'browsing');
  poll();
  const timer = setInterval(poll, intervalMs);
  return { poll, stop: () => clearInterval(timer) };
}
