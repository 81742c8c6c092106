/** Limits of `PageMarkup` (schemas/shop.ts), without zod: the widget reads them before the shopper's first click. */

/**
 * Blocks of a product page's JSON-LD the widget passes on, the characters of
 * each (pruned to what the parser reads), and its `og:` and `product:` meta
 * tags (names and contents). Whatever the script, the widget keeps the whole
 * under MARKUP_BYTES_MAX as it travels (escaped, in UTF-8), so with the page's
 * own fields it always fits one 64 KB frame.
 */
export const MARKUP_BLOCKS_MAX = 3;
export const MARKUP_BLOCK_CHARS_MAX = 10_000;
export const MARKUP_META_MAX = 20;
export const MARKUP_META_NAME_MAX = 64;
export const MARKUP_META_CHARS_MAX = 600;
export const MARKUP_BYTES_MAX = 40_000;
