import type { Ga4Progress } from '@mostrador/shared/shop/cart';
import type { ActivityRepository, CartRow } from './activity.repository.ts';
import { cartChanges } from './cart-history.ts';

/** A cart to keep, and (read from GA4 events) how far they were read. */
export interface NextCart {
  cart: CartRow['cart'];
  stage: CartRow['stage'];
  ga4?: Ga4Progress;
}

/** A cart kept, and the stage it reached with this write (checkout or a purchase it had not before). */
export interface SavedCart {
  cart: CartRow['cart'];
  stage: CartRow['stage'];
  updatedAt: number;
  reached: 'checkout' | 'purchase' | undefined;
}

const sameCart = (row: CartRow, next: NextCart) => row.stage === next.stage && JSON.stringify(row.cart) === JSON.stringify(next.cart);

/**
 * Keeps the cart `next` reads from the stored one (null: keeps the stored
 * one), with the history steps between them. Must run inside the commit:
 * the read and the write are one step, whatever other tab reports at once.
 * Null when the agent has nothing new to see.
 */
export function saveCartInTx(
  activity: ActivityRepository,
  siteId: string,
  visitorId: string,
  next: (before: CartRow | undefined) => NextCart | null,
  now: number,
): SavedCart | null {
  const before = activity.cartOf(siteId, visitorId);
  const after = next(before);
  if (!after) return null;
  const changes = cartChanges(before ?? null, after, now);
  if (changes.length === 0 && before && sameCart(before, after)) {
    // Nothing for the agent, but the GA4 entries read must not be read again.
    if (after.ga4) activity.saveGa4Progress(visitorId, after.ga4);
    return null;
  }
  activity.saveCart(visitorId, after.cart, after.stage, now, changes, after.ga4);
  const reached = changes.find((c) => c.change === 'checkout' || c.change === 'purchase')?.change as SavedCart['reached'];
  return { cart: after.cart, stage: after.stage, updatedAt: now, reached };
}
