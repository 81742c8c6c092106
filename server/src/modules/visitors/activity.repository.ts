import type { Cart, CartChange, CartStage, Product, ProductCard } from '@mostrador/shared';
import type { Ga4Progress } from '@mostrador/shared/shop/cart';
import type { InTx, Tx } from '../../db/committer.ts';
import type { carts, pageViews } from '../../db/schema.ts';

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

/** A catalogue row keeps the day it was last seen, not the moment: the row must not point back at one visitor's page view. */
export const DAY_MS = 86_400_000;

/** Page views per INSERT: 8 values a row, within SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
export const PAGE_VIEW_ROWS_PER_INSERT = 1000;

/** The same rows on both engines (schema-parity.test.ts). */
export type PageViewRow = typeof pageViews.$inferSelect;
export type CartRow = typeof carts.$inferSelect;

/** How the visit began, as the trail stored it: pages since it began, and the first of them. */
export interface VisitSoFar {
  pagesViewed: number;
  landing: { url: string; referrer: string } | null;
}

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
export const literalLike = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/** The columns of a catalogue row that make a product card, on either engine's table. */
export function catalogCardOf<T extends Record<keyof ProductCard, unknown>>(t: T): Pick<T, keyof ProductCard> {
  return { name: t.name, url: t.url, price: t.price, currency: t.currency, image: t.image, sku: t.sku };
}

/** A catalogue row of a product a shop stocks itself (stockCatalog), seen on the day of `at`. */
export function stockedRow(siteId: string, { url, name, sku, price, currency, image }: ProductCard, at: number) {
  return { siteId, url: catalogUrl(url), name, sku, price, currency, image, lastSeenAt: Math.floor(at / DAY_MS) * DAY_MS };
}

/** A cart change as the history table keeps it. */
export function cartEventRow(visitorId: string, c: CartChange) {
  return {
    visitorId,
    at: c.at,
    change: c.change,
    itemName: c.item?.name ?? null,
    itemSku: c.item?.sku ?? null,
    qty: c.qty,
    total: c.total,
    currency: c.currency,
    orderNumber: c.order ?? null,
  };
}

/** A history row as the agent reads it. */
export function cartChangeOf(row: {
  at: number;
  change: CartChange['change'];
  itemName: string | null;
  itemSku: string | null;
  qty: number | null;
  total: number;
  currency: string;
  orderNumber: string | null;
}): CartChange {
  return {
    at: row.at,
    change: row.change,
    item: row.itemName === null ? null : { name: row.itemName, sku: row.itemSku },
    qty: row.qty,
    total: row.total,
    currency: row.currency,
    ...(row.change === 'purchase' && { order: row.orderNumber }),
  };
}

/** A visitor's cart history as the profile reads it: its newest steps, and the newest purchase, which may be older. */
export interface CartHistory {
  changes: CartChange[];
  lastPurchase: CartChange | null;
}

/** Rows newest first, the newest `limit` steps and (when older than those) the newest purchase: one read on either engine. */
export function cartHistoryOf(rows: readonly Parameters<typeof cartChangeOf>[0][], limit: number): CartHistory {
  const changes = rows.map(cartChangeOf);
  return { changes: changes.slice(0, limit), lastPurchase: changes.find((c) => c.change === 'purchase') ?? null };
}

/**
 * What visitors did on the shop, on either engine (activity.repository.test.ts
 * holds both to one contract): pages seen (and, in the site's product
 * catalogue, the products those pages showed), and their carts with the
 * cart's history. These rows belong to a visitor, so reads go through the
 * visitor's site (a foreign visitor reads like a missing one); writes come
 * only from the visitor's own token, inside a committed step.
 */
export interface ActivityRepository {
  /** The views, and the products they showed into their site's catalogue (kept as last seen), in the caller's step. */
  insertPageViewsInTx(tx: Tx, views: readonly EndedPageView[]): InTx<void>;
  /** The same, in a transaction of its own: at shutdown, once the group commit may have stopped. */
  insertPageViews(views: readonly EndedPageView[]): Promise<void>;
  /** The site's products whose name or SKU holds `words` (ASCII case aside), most recently seen first. */
  searchCatalog(siteId: string, words: string, limit: number): Promise<ProductCard[]>;
  /** The site's products at these pages' URLs (each as catalogUrl keeps it), as last seen; none for a page no page view of the site showed. */
  catalogProducts(siteId: string, urls: readonly string[]): Promise<ProductCard[]>;
  /**
   * Adds products to the site's catalogue as seen at `at`, for a shop Mostrador serves itself (the demo shop's
   * few products, before any page of it is viewed); a product already there is left as its pages showed it.
   */
  stockCatalog(siteId: string, products: readonly ProductCard[], at: number): Promise<void>;
  /** Newest first, across the given visitors (one customer's devices). */
  recentPageViews(siteId: string, visitorIds: readonly string[], limit: number): Promise<PageViewRow[]>;
  /** Pages stored since `since` (the visit's start), and the first of them: read once when the visitor arrives. */
  visitSince(siteId: string, visitorId: string, since: number): Promise<VisitSoFar>;
  cartOf(siteId: string, visitorId: string): Promise<CartRow | undefined>;
  /**
   * The cart a write is about to replace, in the caller's step: until the
   * step commits, no other write of this visitor's cart (on any node) reads
   * it, so two reports at once write their history steps once.
   */
  cartForWriteInTx(tx: Tx, siteId: string, visitorId: string): InTx<CartRow | undefined>;
  /** `ga4`: how far the GA4 events the cart was read from go; left as stored when not given (a cart read another way). */
  saveCartInTx(
    tx: Tx,
    visitorId: string,
    cart: Cart,
    stage: CartStage,
    at: number,
    changes: readonly CartChange[],
    ga4?: Ga4Progress,
  ): InTx<void>;
  /** GA4 events read that left the cart as it was: only the progress moves on. */
  saveGa4ProgressInTx(tx: Tx, visitorId: string, ga4: Ga4Progress): InTx<void>;
  /**
   * The newest `limit` steps, newest first, and the newest purchase however
   * old, in one read: the profile, pushed as a followed visitor ends each
   * page, costs no more than before orders were shown.
   */
  cartHistory(siteId: string, visitorId: string, limit: number): Promise<CartHistory>;
}
