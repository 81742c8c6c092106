import { and, asc, count, desc, eq, gte, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Cart, CartChange, CartStage, ProductCard } from '@mostrador/shared';
import type { Ga4Progress } from '@mostrador/shared/shop/cart';
import type { Db } from '../../db/client.ts';
import type { Tx } from '../../db/committer.ts';
import { cartEvents, carts, pageViews, productCatalog, visitors } from '../../db/schema.ts';
import {
  type ActivityRepository,
  CATALOGUE_MAX,
  catalogCardOf,
  type CartRow,
  cartEventRow,
  type CartHistory,
  cartHistoryOf,
  catalogUrl,
  DAY_MS,
  type EndedPageView,
  literalLike,
  PAGE_VIEW_ROWS_PER_INSERT,
  type PageViewRow,
  stockedRow,
  type VisitSoFar,
} from './activity.repository.ts';

const catalogCard = catalogCardOf(productCatalog);

/**
 * The activity tables on SQLite. The `…InTx` methods answer at once, inside
 * the group commit's transaction (one connection, so nothing else writes a
 * cart between a step's read and its write).
 */
export class SqliteActivityRepository implements ActivityRepository {
  // Read on every widget's arrival: prepared once, as building and preparing the SQL cost more than running it.
  readonly #pageViewsSince;
  readonly #cartOf;
  readonly #firstPageSince;

  constructor(private readonly db: Db) {
    const p = sql.placeholder;
    const visitorOfSite = db
      .select({ id: visitors.id })
      .from(visitors)
      .where(and(eq(visitors.siteId, p('siteId')), eq(visitors.id, p('visitorId'))));
    const sinceOfVisitor = and(
      eq(pageViews.visitorId, p('visitorId')),
      inArray(pageViews.visitorId, visitorOfSite),
      gte(pageViews.startedAt, p('since')),
    );
    this.#pageViewsSince = db.select({ n: count() }).from(pageViews).where(sinceOfVisitor).prepare();
    this.#cartOf = db
      .select()
      .from(carts)
      .where(and(eq(carts.visitorId, p('visitorId')), inArray(carts.visitorId, visitorOfSite)))
      .prepare();
    this.#firstPageSince = db
      .select({ url: pageViews.url, referrer: pageViews.referrer })
      .from(pageViews)
      .where(sinceOfVisitor)
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

  insertPageViewsInTx(_tx: Tx, views: readonly EndedPageView[]): void {
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

  async insertPageViews(views: readonly EndedPageView[]): Promise<void> {
    this.db.transaction(() => this.insertPageViewsInTx({ kind: 'sqlite' }, views));
  }

  async searchCatalog(siteId: string, words: string, limit: number): Promise<ProductCard[]> {
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

  async catalogProducts(siteId: string, urls: readonly string[]): Promise<ProductCard[]> {
    if (urls.length === 0) return [];
    return this.db
      .select(catalogCard)
      .from(productCatalog)
      .where(and(eq(productCatalog.siteId, siteId), inArray(productCatalog.url, [...new Set(urls.map(catalogUrl))])))
      .all();
  }

  async stockCatalog(siteId: string, products: readonly ProductCard[], at: number): Promise<void> {
    if (products.length === 0) return;
    this.db
      .insert(productCatalog)
      .values(products.map((product) => stockedRow(siteId, product, at)))
      .onConflictDoNothing()
      .run();
  }

  async recentPageViews(siteId: string, visitorIds: readonly string[], limit: number): Promise<PageViewRow[]> {
    return this.db
      .select()
      .from(pageViews)
      .where(inArray(pageViews.visitorId, this.ofSite(siteId, visitorIds)))
      .orderBy(desc(pageViews.startedAt), desc(pageViews.id))
      .limit(limit)
      .all();
  }

  async visitSince(siteId: string, visitorId: string, since: number): Promise<VisitSoFar> {
    const pagesViewed = this.#pageViewsSince.get({ siteId, visitorId, since })?.n ?? 0;
    const landing = pagesViewed > 0 ? (this.#firstPageSince.get({ siteId, visitorId, since }) ?? null) : null;
    return { pagesViewed, landing };
  }

  async cartOf(siteId: string, visitorId: string): Promise<CartRow | undefined> {
    return this.#cartOf.get({ siteId, visitorId });
  }

  cartForWriteInTx(_tx: Tx, siteId: string, visitorId: string): CartRow | undefined {
    return this.#cartOf.get({ siteId, visitorId });
  }

  saveCartInTx(
    _tx: Tx,
    visitorId: string,
    cart: Cart,
    stage: CartStage,
    at: number,
    changes: readonly CartChange[],
    ga4?: Ga4Progress,
  ): void {
    this.db
      .insert(carts)
      .values({ visitorId, cart, stage, ga4, updatedAt: at })
      .onConflictDoUpdate({ target: carts.visitorId, set: { cart, stage, updatedAt: at, ...(ga4 && { ga4 }) } })
      .run();
    if (changes.length > 0) {
      this.db
        .insert(cartEvents)
        .values(changes.map((c) => cartEventRow(visitorId, c)))
        .run();
    }
  }

  saveGa4ProgressInTx(_tx: Tx, visitorId: string, ga4: Ga4Progress): void {
    this.db.update(carts).set({ ga4 }).where(eq(carts.visitorId, visitorId)).run();
  }

  async cartHistory(siteId: string, visitorId: string, limit: number): Promise<CartHistory> {
    const ofVisitor = () => and(eq(cartEvents.visitorId, visitorId), inArray(cartEvents.visitorId, this.ofSite(siteId, [visitorId])));
    const newest = (where: SQL | undefined, n: number) =>
      this.db.select({ id: cartEvents.id }).from(cartEvents).where(where).orderBy(desc(cartEvents.at), desc(cartEvents.id)).limit(n);
    const rows = this.db
      .select()
      .from(cartEvents)
      .where(
        or(
          inArray(cartEvents.id, newest(ofVisitor(), limit)),
          inArray(cartEvents.id, newest(and(ofVisitor(), eq(cartEvents.change, 'purchase')), 1)),
        ),
      )
      .orderBy(desc(cartEvents.at), desc(cartEvents.id))
      .all();
    return cartHistoryOf(rows, limit);
  }
}
