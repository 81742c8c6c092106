/** Limits of `CartSet` (schemas/shop.ts), without zod: the widget reads them before the shopper's first click. */

/**
 * The keys of `Mostrador('setCart', …)` and of its items that the cart is
 * read from (`@mostrador/shared/shop/manual`): the widget passes them to
 * `JSON.stringify` as its allow-list, so nothing else the shop put there travels.
 */
export const MANUAL_CART_KEYS = ['items', 'total', 'currency', 'sku', 'name', 'qty', 'quantity', 'price', 'url', 'image'];

/** The whole command as it travels (escaped, in UTF-8): with the socket's own framing, well inside one 64 KB frame. */
export const MANUAL_CART_BYTES_MAX = 40_000;
