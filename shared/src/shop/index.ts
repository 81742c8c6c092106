/** What the widget reads pages with: zod-free, so nothing of the contract's schemas reaches widget.js. The parser is `@mostrador/shared/shop/product`. */
export { amount, asList, asObject, cartItem, currency, text, webUrl, type Json } from './clean.ts';
export {
  MARKUP_BLOCK_CHARS_MAX,
  MARKUP_BLOCKS_MAX,
  MARKUP_BYTES_MAX,
  MARKUP_META_CHARS_MAX,
  MARKUP_META_MAX,
  MARKUP_META_NAME_MAX,
} from './markup.ts';
