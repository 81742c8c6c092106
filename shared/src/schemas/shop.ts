import { z } from 'zod';
import { MARKUP_BLOCK_CHARS_MAX, MARKUP_BLOCKS_MAX, MARKUP_META_CHARS_MAX, MARKUP_META_MAX, MARKUP_META_NAME_MAX } from '../shop/markup.ts';
import { GA4_BYTES_MAX, GA4_CART_EVENTS, GA4_ENTRIES_MAX, GA4_ENTRY_CHARS_MAX, ORDER_NUMBER_MAX } from '../shop/ga4.ts';
import { MANUAL_CART_BYTES_MAX } from '../shop/manual.ts';
import { Timestamp } from './common.ts';

/**
 * What the widget reads off the shop's pages: the page itself, the product it
 * shows, and the cart. Limits are generous for real shops and keep one
 * visitor from filling the database.
 */
export const URL_MAX = 2000;
export const TITLE_MAX = 300;
export const CART_ITEMS_MAX = 100;

/** An http(s) URL; anything else (javascript:, data:) never reaches an agent's screen as a link. */
export const WebUrl = z
  .string()
  .max(URL_MAX)
  .regex(/^https?:\/\/[^\s]+$/i);

/** Amounts in the currency's major unit (euros, not cents), as shops print them. */
export const Amount = z.number().finite().min(0).max(1e9);
/** ISO 4217, upper case. */
export const Currency = z.string().regex(/^[A-Z]{3}$/);

export const AVAILABILITIES = ['in_stock', 'out_of_stock', 'preorder', 'backorder', 'limited', 'discontinued'] as const;
export const Availability = z.enum(AVAILABILITIES);
export type Availability = z.infer<typeof Availability>;

/** A product as the page describes it (schema.org Product JSON-LD or Open Graph product tags). */
export const Product = z.object({
  name: z.string().min(1).max(200),
  sku: z.string().max(100).nullable(),
  price: Amount.nullable(),
  currency: Currency.nullable(),
  image: WebUrl.nullable(),
  availability: Availability.nullable(),
});
export type Product = z.infer<typeof Product>;

/**
 * What a page says about the product it shows, as the page wrote it: its
 * JSON-LD blocks that name a Product, and its Open Graph and product meta tags. The server
 * reads the product out of it (`@mostrador/shared/shop`), so the widget
 * carries no parser before the shopper's first click.
 */
export const PageMarkup = z.object({
  jsonLd: z.array(z.string().max(MARKUP_BLOCK_CHARS_MAX)).max(MARKUP_BLOCKS_MAX),
  /** Its `og:` and `product:` meta tags, by name (the first of each). */
  meta: z
    .record(z.string().max(MARKUP_META_NAME_MAX), z.string().max(MARKUP_META_CHARS_MAX))
    .refine((tags) => Object.keys(tags).length <= MARKUP_META_MAX, { message: `At most ${MARKUP_META_MAX} meta tags` }),
  /** The page's base URL when a `<base>` makes it differ from `url`: relative image links resolve against it. */
  base: WebUrl.optional(),
});
export type PageMarkup = z.infer<typeof PageMarkup>;

/** The widget reports each page it is shown on, including history changes in single-page shops. */
export const PageViewed = z.object({
  url: WebUrl,
  title: z.string().max(TITLE_MAX),
  /** Empty when the browser gives none. */
  referrer: z.union([WebUrl, z.literal('')]),
  /** What the page says about its product (absent from widgets loaded before the server read it: they send `product`). */
  markup: PageMarkup.optional(),
  /** Widgets loaded before 2026-12-06, still open in a tab or served from a cache, send the product they read. */
  product: Product.nullable().optional(),
  /** The browser's language (BCP 47) and time zone (IANA), for the agent's "local time". */
  language: z.string().max(35).optional(),
  timeZone: z.string().max(64).optional(),
  /**
   * The same page, reported again on a new connection (a reconnect): open for
   * `ms` already, and whether an invitation was shown on it. The server goes
   * on with the page instead of counting a new one.
   */
  resumed: z.object({ ms: z.number().int().min(0).max(604_800_000), invited: z.boolean() }).optional(),
  /**
   * A single-page shop's history change, not a page load: reported a moment
   * after the URL changes (once the page has rendered), so the shop's own
   * `begin_checkout` may come first, and the checkout it began goes on.
   */
  historyChange: z.literal(true).optional(),
});
export type PageViewed = z.infer<typeof PageViewed>;

/** `page:viewed`'s answer: the product the server read off the page (the widget no longer waits for it). */
export const PageRead = z.object({ product: Product.nullable() });
export type PageRead = z.infer<typeof PageRead>;

export const CartItem = z.object({
  sku: z.string().max(100).nullable(),
  name: z.string().min(1).max(200),
  qty: z.number().int().min(1).max(10_000),
  /** Unit price. */
  price: Amount,
  url: WebUrl.nullable(),
  image: WebUrl.nullable(),
});
export type CartItem = z.infer<typeof CartItem>;

export const Cart = z.object({
  items: z.array(CartItem).max(CART_ITEMS_MAX),
  total: Amount,
  currency: Currency,
});
export type Cart = z.infer<typeof Cart>;

export const CART_STAGES = ['browsing', 'checkout', 'purchase'] as const;
export const CartStage = z.enum(CART_STAGES);
export type CartStage = z.infer<typeof CartStage>;

export const CART_SOURCES = ['manual', 'shopify', 'datalayer'] as const;

/** The widget reports the cart whenever it changes, from whichever source the shop offers. */
export const CartUpdated = z.object({
  cart: Cart,
  /** Set when the shop signals checkout or a purchase; a purchase empties the live cart afterwards. */
  stage: CartStage,
  source: z.enum(CART_SOURCES),
});
export type CartUpdated = z.infer<typeof CartUpdated>;

/** Whether the text is JSON of an object: anything else has no cart to read. */
function jsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** One GA4 e-commerce event of the page's dataLayer. */
export const Ga4Entry = z.object({
  /** Its place in the page's dataLayer: with the page's id, what makes an entry sent twice known. */
  index: z.number().int().min(0).max(1e9),
  event: z.enum(GA4_CART_EVENTS),
  /**
   * Its `ecommerce` (gtag: its parameters) as JSON, as the shop wrote it but
   * for the keys the cart is read from (GA4_KEYS): the server reads it as
   * leniently as the widget once did (a price may be the string "42.00").
   */
  ecommerce: z.string().max(GA4_ENTRY_CHARS_MAX).refine(jsonObject, { message: 'Not JSON of an object' }),
});
export type Ga4Entry = z.infer<typeof Ga4Entry>;

/**
 * `cart:tracked`: the GA4 e-commerce events the widget found in the page's
 * dataLayer, in its order, for the server to read the cart from. A page load
 * (one dataLayer) has an id of its own; the server applies each entry of it
 * once, so the widget may send them again after a reconnect or a restart.
 */
export const CartTracked = z
  .object({
    page: z.string().regex(/^[0-9a-z]{8,40}$/),
    entries: z
      .array(Ga4Entry)
      .min(1)
      .max(GA4_ENTRIES_MAX)
      .refine((entries) => entries.every((entry, i) => i === 0 || entry.index > entries[i - 1]!.index), {
        message: 'Entries go in the order of the dataLayer, each once',
      }),
  })
  .refine((tracked) => new TextEncoder().encode(JSON.stringify(tracked)).length <= GA4_BYTES_MAX, {
    message: `At most ${GA4_BYTES_MAX} bytes`,
  });
export type CartTracked = z.infer<typeof CartTracked>;
/**
 * `cart:set`: `Mostrador('setCart', …)` as the shop called it, as JSON of the
 * keys the cart is read from (MANUAL_CART_KEYS), and the page it was called
 * on, which relative links resolve against. The server reads the cart.
 */
export const CartSet = z
  .object({ cart: z.string().refine(jsonObject, { message: 'Not JSON of an object' }), base: z.string() })
  .refine((set) => new TextEncoder().encode(JSON.stringify(set)).length <= MANUAL_CART_BYTES_MAX, {
    message: `At most ${MANUAL_CART_BYTES_MAX} bytes`,
  });
export type CartSet = z.infer<typeof CartSet>;

/** How many of the entries were new to the server (the others it had applied already). */
export const CartTrackedResult = z.object({ applied: z.number().int().min(0) });
export type CartTrackedResult = z.infer<typeof CartTrackedResult>;

/** The shop's own number for an order, as the shopper knows it ("T_12345", "1042"). */
export const OrderNumber = z.string().min(1).max(ORDER_NUMBER_MAX);

/** One step of the cart's history, as the agent reads it: "added 2 × Hoodie M, subtotal €84". */
export const CART_CHANGES = ['added', 'removed', 'quantity', 'checkout', 'purchase', 'cleared'] as const;
export const CartChange = z.object({
  at: Timestamp,
  change: z.enum(CART_CHANGES),
  /** The item concerned; null for checkout, purchase and cleared. */
  item: z.object({ name: z.string(), sku: z.string().nullable() }).nullable(),
  /** For added/removed: how many; for quantity: the new quantity. */
  qty: z.number().int().nullable(),
  total: Amount,
  currency: Currency,
  /** A purchase's order number (GA4's `transaction_id`), null when the shop told none; absent on other steps. */
  order: OrderNumber.nullable().optional(),
});
export type CartChange = z.infer<typeof CartChange>;
