import { and, asc, count, desc, eq, gte, inArray, or, type SQL, sql, type SQLWrapper } from 'drizzle-orm';
import type { Cart, CartChange, CartStage, ProductCard } from '@mostrador/shared';
import type { Ga4Progress } from '@mostrador/shared/shop/cart';
import { pgTxOf, type PgTx, type Tx } from '../../db/committer.ts';
import type { PgDb } from '../../db/pg/client.ts';
import { cartEvents, carts, pageViews, productCatalog, visitors } from '../../db/pg/schema/index.ts';
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
/** Products upserted by one statement: 8 arrays of this length travel as its parameters. */
const CATALOGUE_ROWS_PER_UPSERT = 2_000;

/** SQLite's LIKE folds ASCII letters only; PostgreSQL's ILIKE folds every script, so ASCII is folded here by hand. */
const asciiLower = (text: SQLWrapper) => sql`translate(${text}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;

/**
 * The activity tables on PostgreSQL: the same contract as the SQLite
 * repository's. A cart write first takes a transaction-scoped advisory lock
 * on the visitor, so two reports at once (two tabs, or two nodes) take turns
 * between reading the stored cart and writing the next one.
 */
export class PgActivityRepository implements ActivityRepository {
  constructor(private readonly db: PgDb) {}

  /** The given visitors that are the site's: the filter every read of a visitor's rows goes through. */
  private ofSite(siteId: string, visitorIds: readonly string[]) {
    return this.db
      .select({ id: visitors.id })
      .from(visitors)
      .where(and(eq(visitors.siteId, siteId), inArray(visitors.id, [...visitorIds])));
  }

  insertPageViewsInTx(tx: Tx, views: readonly EndedPageView[]): Promise<void> {
    return writePageViews(pgTxOf(tx), views);
  }

  insertPageViews(views: readonly EndedPageView[]): Promise<void> {
    return this.db.transaction((tx) => writePageViews(tx, views));
  }

  searchCatalog(siteId: string, words: string, limit: number): Promise<ProductCard[]> {
    const pattern = asciiLower(sql`${`%${literalLike(words)}%`}::text`);
    return this.db
      .select(catalogCard)
      .from(productCatalog)
      .where(
        and(
          eq(productCatalog.siteId, siteId),
          or(
            sql`${asciiLower(productCatalog.name)} LIKE ${pattern} ESCAPE '\\'`,
            sql`${asciiLower(productCatalog.sku)} LIKE ${pattern} ESCAPE '\\'`,
          ),
        ),
      )
      .orderBy(desc(productCatalog.lastSeenAt))
      .limit(limit);
  }

  async catalogProducts(siteId: string, urls: readonly string[]): Promise<ProductCard[]> {
    if (urls.length === 0) return [];
    return this.db
      .select(catalogCard)
      .from(productCatalog)
      .where(and(eq(productCatalog.siteId, siteId), inArray(productCatalog.url, [...new Set(urls.map(catalogUrl))])));
  }

  async stockCatalog(siteId: string, products: readonly ProductCard[], at: number): Promise<void> {
    if (products.length === 0) return;
    await this.db
      .insert(productCatalog)
      .values(products.map((product) => stockedRow(siteId, product, at)))
      .onConflictDoNothing();
  }

  recentPageViews(siteId: string, visitorIds: readonly string[], limit: number): Promise<PageViewRow[]> {
    return this.db
      .select()
      .from(pageViews)
      .where(inArray(pageViews.visitorId, this.ofSite(siteId, visitorIds)))
      .orderBy(desc(pageViews.startedAt), desc(pageViews.id))
      .limit(limit);
  }

  async visitSince(siteId: string, visitorId: string, since: number): Promise<VisitSoFar> {
    const ofVisit = and(
      eq(pageViews.visitorId, visitorId),
      inArray(pageViews.visitorId, this.ofSite(siteId, [visitorId])),
      gte(pageViews.startedAt, since),
    );
    const [[counted], [first]] = await Promise.all([
      this.db.select({ n: count() }).from(pageViews).where(ofVisit),
      this.db
        .select({ url: pageViews.url, referrer: pageViews.referrer })
        .from(pageViews)
        .where(ofVisit)
        .orderBy(asc(pageViews.startedAt))
        .limit(1),
    ]);
    return { pagesViewed: counted?.n ?? 0, landing: first ?? null };
  }

  async cartOf(siteId: string, visitorId: string): Promise<CartRow | undefined> {
    const [row] = await this.db
      .select()
      .from(carts)
      .where(and(eq(carts.visitorId, visitorId), inArray(carts.visitorId, this.ofSite(siteId, [visitorId]))));
    return row;
  }

  async cartForWriteInTx(tx: Tx, siteId: string, visitorId: string): Promise<CartRow | undefined> {
    const db = pgTxOf(tx);
    // A lock on the visitor, not on the row: a first cart has no row to lock yet.
    await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`cart:${visitorId}`}))`);
    const [row] = await db
      .select()
      .from(carts)
      .where(and(eq(carts.visitorId, visitorId), inArray(carts.visitorId, this.ofSite(siteId, [visitorId]))));
    return row;
  }

  async saveCartInTx(
    tx: Tx,
    visitorId: string,
    cart: Cart,
    stage: CartStage,
    at: number,
    changes: readonly CartChange[],
    ga4?: Ga4Progress,
  ): Promise<void> {
    const db = pgTxOf(tx);
    await db
      .insert(carts)
      .values({ visitorId, cart, stage, ga4, updatedAt: at })
      .onConflictDoUpdate({ target: carts.visitorId, set: { cart, stage, updatedAt: at, ...(ga4 && { ga4 }) } });
    if (changes.length > 0) await db.insert(cartEvents).values(changes.map((c) => cartEventRow(visitorId, c)));
  }

  async saveGa4ProgressInTx(tx: Tx, visitorId: string, ga4: Ga4Progress): Promise<void> {
    await pgTxOf(tx).update(carts).set({ ga4 }).where(eq(carts.visitorId, visitorId));
  }

  async cartHistory(siteId: string, visitorId: string, limit: number): Promise<CartHistory> {
    const ofVisitor = () => and(eq(cartEvents.visitorId, visitorId), inArray(cartEvents.visitorId, this.ofSite(siteId, [visitorId])));
    const newest = (where: SQL | undefined, n: number) =>
      this.db.select({ id: cartEvents.id }).from(cartEvents).where(where).orderBy(desc(cartEvents.at), desc(cartEvents.id)).limit(n);
    const rows = await this.db
      .select()
      .from(cartEvents)
      .where(
        or(
          inArray(cartEvents.id, newest(ofVisitor(), limit)),
          inArray(cartEvents.id, newest(and(ofVisitor(), eq(cartEvents.change, 'purchase')), 1)),
        ),
      )
      .orderBy(desc(cartEvents.at), desc(cartEvents.id));
    return cartHistoryOf(rows, limit);
  }
}

/** The views in batches, then their products into the catalogue, in URL order so that two batches at once lock rows in one order. */
async function writePageViews(db: PgDb | PgTx, views: readonly EndedPageView[]): Promise<void> {
  for (let i = 0; i < views.length; i += PAGE_VIEW_ROWS_PER_INSERT) {
    await db.insert(pageViews).values(views.slice(i, i + PAGE_VIEW_ROWS_PER_INSERT).map(({ catalogue: _catalogue, ...row }) => row));
  }
  const shown = views.flatMap((v) => (v.product && v.catalogue ? [{ ...v, product: v.product, url: catalogUrl(v.url) }] : []));
  const sites = new Set<string>();
  // One statement per chunk, not a round trip per product: a shutdown's batch can hold thousands. A statement
  // may not change one row twice, so each (site, url) keeps its latest view, the last one written on a tie, as
  // one upsert after another did; rows go in (site, url) order, so two batches at once lock rows in one order.
  for (let i = 0; i < shown.length; i += CATALOGUE_ROWS_PER_UPSERT) {
    const chunk = shown.slice(i, i + CATALOGUE_ROWS_PER_UPSERT);
    const column = <T>(pick: (view: (typeof chunk)[number]) => T) => sql.param(chunk.map(pick));
    // The site is the visitor's: a view names no site of its own.
    const written = await db.execute<{ site_id: string }>(sql`
      INSERT INTO product_catalog (site_id, url, name, sku, price, currency, image, last_seen_at)
      SELECT DISTINCT ON (v.site_id, s.url) v.site_id, s.url, s.name, s.sku, s.price, s.currency, s.image, s.day
      FROM unnest(${column((view) => view.visitorId)}::text[], ${column((view) => view.url)}::text[],
          ${column((view) => view.product.name)}::text[], ${column((view) => view.product.sku)}::text[],
          ${column((view) => view.product.price)}::double precision[], ${column((view) => view.product.currency)}::text[],
          ${column((view) => view.product.image)}::text[], ${column((view) => Math.floor(view.startedAt / DAY_MS) * DAY_MS)}::bigint[])
        WITH ORDINALITY AS s(visitor_id, url, name, sku, price, currency, image, day, ord)
      JOIN visitors v ON v.id = s.visitor_id
      ORDER BY v.site_id, s.url, s.day DESC, s.ord DESC
      ON CONFLICT (site_id, url) DO UPDATE SET name = excluded.name, sku = excluded.sku, price = excluded.price,
        currency = excluded.currency, image = excluded.image, last_seen_at = excluded.last_seen_at
      WHERE excluded.last_seen_at >= product_catalog.last_seen_at
      RETURNING site_id`);
    for (const row of written.rows) sites.add(row.site_id);
  }
  // Bounded per site, as on SQLite; the key (site, url) stands for SQLite's rowid.
  for (const siteId of sites) {
    await db.execute(sql`DELETE FROM product_catalog WHERE site_id = ${siteId} AND url NOT IN (
        SELECT url FROM product_catalog WHERE site_id = ${siteId} ORDER BY last_seen_at DESC LIMIT ${CATALOGUE_MAX})`);
  }
}
