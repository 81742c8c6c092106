import { and, count, desc, eq, gte, inArray } from 'drizzle-orm';
import type { Cart, CartChange, CartStage, Product } from '@mostrador/shared';
import type { Db } from '../../db/client.ts';
import { cartEvents, carts, pageViews } from '../../db/schema.ts';

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

/** What visitors did on the shop: pages seen, and their carts with the cart's history. */
export class ActivityRepository {
  constructor(private readonly db: Db) {}

  insertPageViews(views: readonly EndedPageView[]): void {
    // One statement binds 8 values a row, and SQLite allows 32,766 per statement.
    for (let i = 0; i < views.length; i += PAGE_VIEW_ROWS_PER_INSERT) {
      this.db.insert(pageViews).values(views.slice(i, i + PAGE_VIEW_ROWS_PER_INSERT)).run();
    }
  }

  /** Newest first, across the given visitors (one customer's devices). */
  recentPageViews(visitorIds: readonly string[], limit: number): PageViewRow[] {
    return this.db
      .select()
      .from(pageViews)
      .where(inArray(pageViews.visitorId, [...visitorIds]))
      .orderBy(desc(pageViews.startedAt), desc(pageViews.id))
      .limit(limit)
      .all();
  }

  pageViewsSince(visitorId: string, since: number): number {
    return (
      this.db
        .select({ n: count() })
        .from(pageViews)
        .where(and(eq(pageViews.visitorId, visitorId), gte(pageViews.startedAt, since)))
        .get()?.n ?? 0
    );
  }

  cartOf(visitorId: string): CartRow | undefined {
    return this.db.select().from(carts).where(eq(carts.visitorId, visitorId)).get();
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
  cartHistory(visitorId: string, limit: number): CartChange[] {
    return this.db
      .select()
      .from(cartEvents)
      .where(eq(cartEvents.visitorId, visitorId))
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
