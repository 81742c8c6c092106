/**
 * The Shopify chunk's entry (dist/chunks/shopify-<hash>.js): the `/cart.js`
 * adapter, which only Shopify stores need, so widget.js fetches it only
 * where `window.Shopify` says the page is one (see shopTracker.ts).
 */
export { followShopifyCart } from './shopifyCart.ts';
