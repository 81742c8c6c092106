/**
 * Limits of `CartTracked` (schemas/shop.ts), without zod: the widget reads
 * them before the shopper's first click. It forwards the GA4 e-commerce
 * events the shop pushes to its dataLayer, and the server reads the cart out
 * of them (`@mostrador/shared/shop/cart`).
 */

/** The events that tell the cart; the widget forwards no other entry of the dataLayer. */
export const GA4_CART_EVENTS = ['add_to_cart', 'remove_from_cart', 'view_cart', 'begin_checkout', 'purchase'] as const;
export type Ga4CartEvent = (typeof GA4_CART_EVENTS)[number];

/**
 * The keys of an event's `ecommerce`, and of its items, that the cart is read
 * from: the widget passes them to `JSON.stringify` as its allow-list, so
 * categories, promotions and the like never travel. `sku`, `name` and `qty`
 * are not GA4's, but shops write them and the widget always read them.
 */
export const GA4_KEYS = ['currency', 'value', 'transaction_id', 'items', 'item_id', 'item_name', 'quantity', 'price', 'sku', 'name', 'qty'];

/** Characters of an order number (GA4's `transaction_id`) the server keeps: shops' own run to a few dozen. */
export const ORDER_NUMBER_MAX = 100;

/** Entries per `cart:tracked`; a page that pushed more sends them in several. */
export const GA4_ENTRIES_MAX = 20;
/** Characters of one event's pruned JSON: a hundred lines with long names fit. */
export const GA4_ENTRY_CHARS_MAX = 20_000;
/** The whole command as it travels (escaped, in UTF-8): with the socket's own framing, well inside one 64 KB frame. */
export const GA4_BYTES_MAX = 40_000;
