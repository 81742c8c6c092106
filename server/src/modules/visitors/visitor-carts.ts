import {
  fail,
  ok,
  type CartSet,
  type CartTracked,
  type CartTrackedResult,
  type CartUpdated,
  type LiveVisitor,
  type Result,
} from '@mostrador/shared';
import { webUrl } from '@mostrador/shared/shop';
import { readManualCart } from '@mostrador/shared/shop/manual';
import type { Committer } from '../../db/committer.ts';
import type { ActivityRepository, CartRow } from './activity.repository.ts';
import { saveCartInTx, type NextCart } from './cart-write.ts';
import type { LiveVisitors } from './live-visitors.ts';
import { applyTracked } from './tracked-cart.ts';

/** What follows a cart kept: the visitor's profile is pushed, and a stage reached is told. */
export interface CartFollowUps {
  profileChanged(siteId: string, visitorId: string): void;
  /** The visitor began checkout or bought something (a stage the cart had not before). */
  cartStageReached(siteId: string, visitorId: string, stage: 'checkout' | 'purchase', at: number): void;
  log(error: unknown): void;
}

/**
 * The visitor's cart, however the shop's page tells it: the widget's own
 * reading (older widgets), `Mostrador('setCart', …)`, or the GA4 events the
 * widget forwards, read here. Each report is persisted with its history
 * before the ack; the live list and the trigger rules then see it.
 */
export class VisitorCarts {
  constructor(
    private readonly activity: ActivityRepository,
    private readonly committer: Committer,
    private readonly live: LiveVisitors,
    private readonly followUps: CartFollowUps,
  ) {}

  /** Persisted (with its history) before the ack, like everything the agent relies on. */
  async updated(siteId: string, visitorId: string, update: CartUpdated): Promise<Result<null>> {
    await this.#save(siteId, visitorId, () => ({ cart: update.cart, stage: update.stage }));
    return ok(null);
  }

  /** `Mostrador('setCart', …)` as the shop called it: read here, and kept like any cart the widget reports. */
  async set(siteId: string, visitorId: string, set: CartSet): Promise<Result<null>> {
    // The schema let through only JSON of an object; a page URL too long to be a link resolves no relative ones.
    const cart = readManualCart(JSON.parse(set.cart), webUrl(set.base) ?? undefined);
    if (!cart) return fail('invalid_payload', 'setCart needs {items, total, currency}');
    return this.updated(siteId, visitorId, { cart, stage: 'browsing', source: 'manual' });
  }

  /** The GA4 events a widget forwarded: the cart is read from them here, each entry once (see tracked-cart.ts). */
  async tracked(siteId: string, visitorId: string, tracked: CartTracked): Promise<Result<CartTrackedResult>> {
    let applied = 0;
    await this.#save(siteId, visitorId, (before) => {
      const read = applyTracked(before, tracked);
      applied = read.applied;
      // Until an event names a currency there is no cart to keep, and nothing read that a resend could change.
      return read.state.cart && { cart: read.state.cart, stage: read.state.stage, ga4: read.progress, order: read.order };
    });
    return ok({ applied });
  }

  /**
   * A new page ends the checkout, as the widget's own cart did when it said
   * 'browsing' at each page load: a checkout page pushes `begin_checkout`
   * again, which the widget sends after this page on the same socket, so it
   * is written after this. The trigger rules, which read the tab when the
   * page is reported, see it at once; a purchase is not touched.
   */
  leftCheckout(siteId: string, visitorId: string): void {
    this.live.update(visitorId, { checkoutSince: null });
    this.#save(siteId, visitorId, (before) => (before?.stage === 'checkout' ? { cart: before.cart, stage: 'browsing' } : null)).catch(
      this.followUps.log,
    );
  }

  /** `next` reads the cart to keep from the stored one (see cart-write.ts); then the live list and the profile follow. */
  async #save(siteId: string, visitorId: string, next: (before: CartRow | undefined) => NextCart | null): Promise<void> {
    const now = Date.now();
    const saved = await this.committer.run((tx) => saveCartInTx(tx, this.activity, siteId, visitorId, next, now));
    if (!saved) return;
    const entry = this.live.get(visitorId);
    // Checkout began with this report, or earlier and it goes on.
    const since = entry?.checkoutSince != null && saved.stage === 'checkout' ? entry.checkoutSince : now;
    this.live.update(visitorId, { cart: cartSummary(saved), ...triggerCart({ ...saved, updatedAt: since }) });
    this.followUps.profileChanged(siteId, visitorId);
    if (saved.reached) this.followUps.cartStageReached(siteId, visitorId, saved.reached, now);
  }
}

/** The live list's line about a cart: none once bought or emptied. */
export function cartSummary(row: Pick<CartRow, 'cart' | 'stage'> | undefined): LiveVisitor['cart'] {
  if (!row || row.stage === 'purchase' || row.cart.items.length === 0) return null;
  const items = row.cart.items.reduce((sum, item) => sum + item.qty, 0);
  return { total: row.cart.total, currency: row.cart.currency, items };
}

/** What the trigger rules read of a stored cart beyond the summary: its SKUs, and since when it is in checkout. */
export function triggerCart(row: Pick<CartRow, 'cart' | 'stage' | 'updatedAt'> | undefined) {
  const live = row && row.stage !== 'purchase';
  return {
    cartSkus: live ? row.cart.items.flatMap((item) => item.sku ?? []) : [],
    checkoutSince: live && row.stage === 'checkout' ? row.updatedAt : null,
  };
}
