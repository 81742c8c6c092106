import { and, count, desc, eq, gte, inArray, or, sql } from 'drizzle-orm';
import type { Cart, CartChange, CartStage, Product, ProductCard } from '@mostrador/shared';
import type { Db } from '../../db/client.ts';
import { cartEvents, carts, pageViews, productCatalog, visitors } from '../../db/schema.ts';

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

/** Campaign and click ids: they name a visit, not the product, and would split one product into many rows. */
const TRACKING_PARAM = /^(utm_.*|fbclid|gclid|gbraid|wbraid|msclkid|dclid|mc_cid|mc_eid|_ga|_gl|srsltid|igshid|yclid)$/i;

/** The product page's address as the catalogue keeps it: without tracking parameters, without a fragment. */
export function catalogUrl(url: string): string {
  try {
    const parsed = new URL(url);
    for (const name of [...parsed.searchParams.keys()]) if (TRACKING_PARAM.test(name)) parsed.searchParams.delete(name);
    parsed.hash = '';
    return parsed.href;
  } catch {
    return url;
  }
}

/** `%`, `_` and the escape itself, taken literally in a LIKE pattern. */
const literalLike = (text: string) => text.replace(/[\\%_]/g, '\\$&');

const catalogCard = {
  name: productCatalog.name,
  url: productCatalog.url,
  price: productCatalog.price,
  currency: productCatalog.currency,
  image: productCatalog.image,
  sku: productCatalog.sku,
};

/**
 * What visitors did on the shop: pages seen (and, in the site's product
 * catalogue, the products those pages showed), and their carts with the cart's
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

  /** The views, and the products they showed into their site's catalogue (kept as last seen), in the caller's commit. */
  insertPageViews(views: readonly EndedPageView[]): void {
    // One statement binds 8 values a row, and SQLite allows 32,766 per statement.
    for (let i = 0; i < views.length; i += PAGE_VIEW_ROWS_PER_INSERT) {
      this.db
        .insert(pageViews)
        .values(views.slice(i, i + PAGE_VIEW_ROWS_PER_INSERT))
        .run();
    }
    for (const { visitorId, url, product, startedAt } of views) {
      if (!product) continue;
      const { name, sku, price, currency, image } = product;
      // The site is the visitor's: a view names no site of its own.
      this.db.run(sql`INSERT INTO product_catalog (site_id, url, name, sku, price, currency, image, last_seen_at)
        SELECT site_id, ${catalogUrl(url)}, ${name}, ${sku}, ${price}, ${currency}, ${image}, ${startedAt} FROM visitors WHERE id = ${visitorId}
        ON CONFLICT (site_id, url) DO UPDATE SET name = excluded.name, sku = excluded.sku, price = excluded.price,
          currency = excluded.currency, image = excluded.image, last_seen_at = excluded.last_seen_at
        WHERE excluded.last_seen_at >= product_catalog.last_seen_at`);
    }
  }

  /** The site's products whose name or SKU holds `words` (ASCII case aside), most recently seen first. */
  searchCatalog(siteId: string, words: string, limit: number): ProductCard[] {
    const pattern = `%${literalLike(words)}%`;
    return this.db
      .select(catalogCard)
      .from(productCatalog)
      .where(
        and(
          eq(productCatalog.siteId, siteId),
          or(sql`${productCatalog.name} LIKE ${pattern} ESCAPE '\\'`, sql`${productCatalog.sku} LIKE ${pattern} ESCAPE '\\'`),
        ),
      )
      .orderBy(desc(productCatalog.lastSeenAt))
      .limit(limit)
      .all();
  }

  /** The site's product at `url`, as last seen; undefined when no page of the site showed one there. */
  catalogProduct(siteId: string, url: string): ProductCard | undefined {
    return this.db
      .select(catalogCard)
      .from(productCatalog)
      .where(and(eq(productCatalog.siteId, siteId), eq(productCatalog.url, catalogUrl(url))))
      .get();
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
