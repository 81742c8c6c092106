import { and, count, desc, eq, gte, inArray } from 'drizzle-orm';
import type { Cart, CartChange, CartStage, Product } from '@mostrador/shared';
import type { Db } from '../../db/client.ts';
import { cartEvents, carts, pageViews, visitors } from '../../db/schema.ts';

export interface EndedPageView {
  visitorId: string;
  url: string;
  title: string;
  referrer: string;
  product: Product | null;
  startedAt: number;
  seconds: number;
}

const PAGE_VIEW_ROWS_PER_INSERT = 1000;

export type PageViewRow = typeof pageViews.$inferSelect;
export type CartRow = typeof carts.$inferSelect;

/**
 * What visitors did on the shop: pages seen, and their carts with the cart's
 * history. These rows belong to a visitor, so reads go through the visitor's
 * site; writes come only from the visitor's own token.
 */
export class ActivityRepository {
  constructor(private readonly db: Db) {}

  /** The given visitors that are the site's: the filter every read of a visitor's rows goes through. */
  private ofSite(siteId: string, visitorIds: readonly string[]) {
    return this.db
      .select({ id: visitors.id })
      .from(visitors)
      .where(and(eq(visitors.siteId, siteId), inArray(visitors.id, [...visitorIds])));
  }

  insertPageViews(views: readonly EndedPageView[]): void {
    // One statement binds 8 values a row, and SQLite allows 32,766 per statement.
    for (let i = 0; i < views.length; i += PAGE_VIEW_ROWS_PER_INSERT) {
      this.db
        .insert(pageViews)
        .values(views.slice(i, i + PAGE_VIEW_ROWS_PER_INSERT))
        .run();
    }
  }

  /** Newest first, across the given visitors (one customer's devices). */
  recentPageViews(siteId: string, visitorIds: readonly string[], limit: number): PageViewRow[] {
    return this.db
      .select()
      .from(pageViews)
      .where(inArray(pageViews.visitorId, this.ofSite(siteId, visitorIds)))
      .orderBy(desc(pageViews.startedAt), desc(pageViews.id))
      .limit(limit)
      .all();
  }

  pageViewsSince(siteId: string, visitorId: string, since: number): number {
    return (
      this.db
        .select({ n: count() })
        .from(pageViews)
        .where(
          and(
            eq(pageViews.visitorId, visitorId),
            inArray(pageViews.visitorId, this.ofSite(siteId, [visitorId])),
            gte(pageViews.startedAt, since),
          ),
        )
        .get()?.n ?? 0
    );
  }

  cartOf(siteId: string, visitorId: string): CartRow | undefined {
    return this.db
      .select()
      .from(carts)
      .where(and(eq(carts.visitorId, visitorId), inArray(carts.visitorId, this.ofSite(siteId, [visitorId]))))
      .get();
  }

  saveCart(visitorId: string, cart: Cart, stage: CartStage, at: number, changes: readonly CartChange[]): void {
    this.db
      .insert(carts)
      .values({ visitorId, cart, stage, updatedAt: at })
      .onConflictDoUpdate({ target: carts.visitorId, set: { cart, stage, updatedAt: at } })
      .run();
    if (changes.length === 0) return;
    this.db
      .insert(cartEvents)
      .values(
        changes.map((c) => ({
          visitorId,
          at: c.at,
          change: c.change,
          itemName: c.item?.name ?? null,
          itemSku: c.item?.sku ?? null,
          qty: c.qty,
          total: c.total,
          currency: c.currency,
        })),
      )
      .run();
  }

  /** Newest first. */
  cartHistory(siteId: string, visitorId: string, limit: number): CartChange[] {
    return this.db
      .select()
      .from(cartEvents)
      .where(and(eq(cartEvents.visitorId, visitorId), inArray(cartEvents.visitorId, this.ofSite(siteId, [visitorId]))))
      .orderBy(desc(cartEvents.at), desc(cartEvents.id))
      .limit(limit)
      .all()
      .map((row) => ({
        at: row.at,
        change: row.change,
        item: row.itemName === null ? null : { name: row.itemName, sku: row.itemSku },
        qty: row.qty,
        total: row.total,
        currency: row.currency,
      }));
  }
}
