import type { CartTracked } from '@mostrador/shared';
import { asObject } from '@mostrador/shared/shop';
import { applyGa4Event, type Ga4CartState, type Ga4Progress } from '@mostrador/shared/shop/cart';
import type { CartRow } from './activity.repository.ts';

/** Page loads whose progress is kept: more than one shopper keeps tabs open at once, or reloads within a reconnect. */
export const PAGES_KEPT = 20;

export interface TrackedCart {
  /** The state after the new entries; `cart` null while no event has named a currency. */
  state: Ga4CartState;
  progress: Ga4Progress;
  /** Entries not seen before; the others had been applied already. */
  applied: number;
  /** The transaction these entries counted first (the newest, when several): the order number of the purchase they tell. */
  order: string | null;
}

/**
 * The GA4 events a widget forwarded, applied to the visitor's stored cart,
 * each entry once: an entry at or before the last one applied of its page
 * load was seen already (a resend after a reconnect, a widget restarted on
 * the same page). A purchase is counted once per transaction, across pages,
 * and its transaction is the order number kept with it.
 */
export function applyTracked(row: Pick<CartRow, 'cart' | 'stage' | 'ga4'> | undefined, tracked: CartTracked): TrackedCart {
  const pages = new Map(row?.ga4?.pages ?? []);
  const after = pages.get(tracked.page) ?? -1;
  const fresh = tracked.entries.filter((entry) => entry.index > after);
  let state: Ga4CartState = { cart: row?.cart ?? null, stage: row?.stage ?? 'browsing', purchases: row?.ga4?.purchases ?? [] };
  // The schema let through only JSON of objects.
  for (const { event, ecommerce } of fresh) state = applyGa4Event(state, event, asObject(JSON.parse(ecommerce)) ?? {});
  // Re-inserted, so the page read last is the newest and the oldest go first.
  pages.delete(tracked.page);
  pages.set(tracked.page, Math.max(after, ...fresh.map((entry) => entry.index)));
  const counted = new Set(row?.ga4?.purchases ?? []);
  const order = state.purchases.filter((transaction) => !counted.has(transaction)).at(-1) ?? null;
  return { state, progress: { pages: [...pages].slice(-PAGES_KEPT), purchases: state.purchases }, applied: fresh.length, order };
}
