/** What the widget reads pages with: zod-free, so nothing of the contract's schemas reaches widget.js. The parsers are `@mostrador/shared/shop/product`, `…/shop/cart` and `…/shop/manual`. */
export { amount, asList, asObject, cartItem, currency, text, webUrl, type Json } from './clean.ts';
export {
  MARKUP_BLOCK_CHARS_MAX,
  MARKUP_BLOCKS_MAX,
  MARKUP_BYTES_MAX,
  MARKUP_META_CHARS_MAX,
  MARKUP_META_MAX,
  MARKUP_META_NAME_MAX,
} from './markup.ts';
export { MANUAL_CART_BYTES_MAX, MANUAL_CART_KEYS } from './manual.ts';
export { GA4_BYTES_MAX, GA4_CART_EVENTS, GA4_ENTRIES_MAX, GA4_ENTRY_CHARS_MAX, GA4_KEYS, type Ga4CartEvent } from './ga4.ts';
