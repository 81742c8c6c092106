import { and, asc, count, desc, eq, gte, inArray, or, sql } from 'drizzle-orm';
import type { Cart, CartChange, CartStage, Product, ProductCard } from '@mostrador/shared';
import type { Ga4Progress } from '@mostrador/shared/shop/cart';
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
  /** Its product goes into the site's catalogue (see OpenPageView). */
  catalogue?: boolean;
}

/** The most products a site's catalogue keeps: the least recently seen go first. */
export const CATALOGUE_MAX = 10_000;

const DAY_MS = 86_400_000;

const PAGE_VIEW_ROWS_PER_INSERT = 1000;

export type PageViewRow = typeof pageViews.$inferSelect;
export type CartRow = typeof carts.$inferSelect;

/**
 * The query parameters that name a product or its variant on the platforms we read (Shopify's `variant`,
 * PrestaShop's `id_product`, WooCommerce's plain `product`/`p`…). Every other one is dropped: it may name
 * the visit (campaign ids, session and cart tokens, an email in a link), which the catalogue must not keep.
 */
const PRODUCT_PARAMS = new Set(['variant', 'id_product', 'id_product_attribute', 'controller', 'product', 'product_id', 'p', 'sku']);

/** The product page's address as the catalogue keeps it: only the parameters that name the product, no fragment. */
export function catalogUrl(url: string): string {
  try {
    const parsed = new URL(url);
    for (const name of [...parsed.searchParams.keys()]) if (!PRODUCT_PARAMS.has(name)) parsed.searchParams.delete(name);
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
  // Read on every widget's connection: prepared once, as building and preparing the SQL cost more than running it.
  readonly #pageViewsSince;
  readonly #cartOf;
  // Read once per returning visitor by the trigger rules that read the landing page: after a restart, thousands at once.
  readonly #firstPageSince;

  constructor(private readonly db: Db) {
    const p = sql.placeholder;
    const visitorOfSite = db
      .select({ id: visitors.id })
      .from(visitors)
      .where(and(eq(visitors.siteId, p('siteId')), eq(visitors.id, p('visitorId'))));
    this.#pageViewsSince = db
      .select({ n: count() })
      .from(pageViews)
      .where(
        and(eq(pageViews.visitorId, p('visitorId')), inArray(pageViews.visitorId, visitorOfSite), gte(pageViews.startedAt, p('since'))),
      )
      .prepare();
    this.#cartOf = db
      .select()
      .from(carts)
      .where(and(eq(carts.visitorId, p('visitorId')), inArray(carts.visitorId, visitorOfSite)))
      .prepare();
    this.#firstPageSince = db
      .select({ url: pageViews.url, referrer: pageViews.referrer })
      .from(pageViews)
      .where(
        and(eq(pageViews.visitorId, p('visitorId')), inArray(pageViews.visitorId, visitorOfSite), gte(pageViews.startedAt, p('since'))),
      )
      .orderBy(asc(pageViews.startedAt))
      .limit(1)
      .prepare();
  }

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
        .values(views.slice(i, i + PAGE_VIEW_ROWS_PER_INSERT).map(({ catalogue: _catalogue, ...row }) => row))
        .run();
    }
    const sites = new Set<string>();
    for (const { visitorId, url, product, startedAt, catalogue } of views) {
      if (!product || !catalogue) continue;
      const { name, sku, price, currency, image } = product;
      // The day, not the moment: the row must not point back at one visitor's page view.
      const day = Math.floor(startedAt / DAY_MS) * DAY_MS;
      // The site is the visitor's: a view names no site of its own.
      const row = this.db.get<{
        siteId: string;
      }>(sql`INSERT INTO product_catalog (site_id, url, name, sku, price, currency, image, last_seen_at)
        SELECT site_id, ${catalogUrl(url)}, ${name}, ${sku}, ${price}, ${currency}, ${image}, ${day} FROM visitors WHERE id = ${visitorId}
        ON CONFLICT (site_id, url) DO UPDATE SET name = excluded.name, sku = excluded.sku, price = excluded.price,
          currency = excluded.currency, image = excluded.image, last_seen_at = excluded.last_seen_at
        WHERE excluded.last_seen_at >= product_catalog.last_seen_at
        RETURNING site_id AS siteId`);
      if (row) sites.add(row.siteId);
    }
    // Bounded per site, whatever a shop's pages (or a forger's reports) add: the least recently seen go.
    for (const siteId of sites) {
      this.db.run(sql`DELETE FROM product_catalog WHERE site_id = ${siteId} AND rowid NOT IN (
        SELECT rowid FROM product_catalog WHERE site_id = ${siteId} ORDER BY last_seen_at DESC LIMIT ${CATALOGUE_MAX})`);
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

  /** The first page the visitor's visit opened, as the trail stored it. */
  firstPageSince(siteId: string, visitorId: string, since: number): { url: string; referrer: string } | undefined {
    return this.#firstPageSince.get({ siteId, visitorId, since });
  }

  pageViewsSince(siteId: string, visitorId: string, since: number): number {
    return this.#pageViewsSince.get({ siteId, visitorId, since })?.n ?? 0;
  }

  cartOf(siteId: string, visitorId: string): CartRow | undefined {
    return this.#cartOf.get({ siteId, visitorId });
  }

  /** `ga4`: how far the GA4 events the cart was read from go; left as stored when not given (a cart read another way). */
  saveCart(visitorId: string, cart: Cart, stage: CartStage, at: number, changes: readonly CartChange[], ga4?: Ga4Progress): void {
    this.db
      .insert(carts)
      .values({ visitorId, cart, stage, ga4, updatedAt: at })
      .onConflictDoUpdate({ target: carts.visitorId, set: { cart, stage, updatedAt: at, ...(ga4 && { ga4 }) } })
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

  /** GA4 events read that left the cart as it was: only the progress moves on. */
  saveGa4Progress(visitorId: string, ga4: Ga4Progress): void {
    this.db.update(carts).set({ ga4 }).where(eq(carts.visitorId, visitorId)).run();
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
