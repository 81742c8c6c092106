import type { Ga4Progress } from '@mostrador/shared/shop/cart';
import { type InTx, runStep, step, type Tx } from '../../db/committer.ts';
import type { ActivityRepository, CartRow } from './activity.repository.ts';
import { cartChanges } from './cart-history.ts';

/** A cart to keep, and (read from GA4 events) how far they were read. */
export interface NextCart {
  cart: CartRow['cart'];
  stage: CartRow['stage'];
  ga4?: Ga4Progress;
  /** At a purchase: its order number, when read for the first time (see cart-history.ts). */
  order?: string | null;
}

/** A cart kept, and the stage it reached with this write (checkout or a purchase it had not before). */
export interface SavedCart {
  cart: CartRow['cart'];
  stage: CartRow['stage'];
  updatedAt: number;
  reached: 'checkout' | 'purchase' | undefined;
}

/** A value as JSON with every object's keys in one order: PostgreSQL's jsonb gives a stored cart's keys back in its own. */
const canonical = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

const sameCart = (row: CartRow, next: NextCart) => row.stage === next.stage && canonical(row.cart) === canonical(next.cart);

/**
 * Keeps the cart `next` reads from the stored one (null: keeps the stored
 * one), with the history steps between them. Must run inside the commit:
 * the read and the write are one step, whatever other tab (or node) reports
 * at once (the repository holds the cart for the step). Null when the agent
 * has nothing new to see. Synchronous on SQLite, inside the group commit.
 */
export function saveCartInTx(
  tx: Tx,
  activity: ActivityRepository,
  siteId: string,
  visitorId: string,
  next: (before: CartRow | undefined) => NextCart | null,
  now: number,
): InTx<SavedCart | null> {
  return runStep(
    tx,
    (function* () {
      const before = yield* step(activity.cartForWriteInTx(tx, siteId, visitorId));
      const after = next(before);
      if (!after) return null;
      const changes = cartChanges(before ?? null, after, now);
      if (changes.length === 0 && before && sameCart(before, after)) {
        // Nothing for the agent, but the GA4 entries read must not be read again.
        if (after.ga4) yield* step(activity.saveGa4ProgressInTx(tx, visitorId, after.ga4));
        return null;
      }
      yield* step(activity.saveCartInTx(tx, visitorId, after.cart, after.stage, now, changes, after.ga4));
      const reached = changes.find((c) => c.change === 'checkout' || c.change === 'purchase')?.change as SavedCart['reached'];
      return { cart: after.cart, stage: after.stage, updatedAt: now, reached };
    })(),
  );
}
