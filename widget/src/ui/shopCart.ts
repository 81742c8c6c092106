import type { ProductCard } from '@mostrador/shared';
import { isShopify } from '../context/shopifyCart.ts';

/** Where a product card's "Add to cart" puts the product: the merchant's hook, or Shopify's AJAX cart. */
export interface ShopCart {
  /** Resolves true once the shop took it; false (never a rejection) when it did not. */
  add(product: ProductCard): Promise<boolean>;
}

/** What the panel needs of the page: its address, its `fetch`, and Shopify's globals when it is a Shopify store. */
export interface ShopPage {
  location: { origin: string };
  fetch: typeof fetch;
  Shopify?: unknown;
}

/** The merchant's `Mostrador('on', 'addToCart', handler)`: called with the card; `false` or a throw means not added. */
function hookCart(handler: (product: ProductCard) => unknown): ShopCart {
  return {
    async add(product) {
      try {
        return (await handler({ ...product })) !== false;
      } catch {
        return false;
      }
    },
  };
}

interface ShopifyProduct {
  variants?: { id?: unknown; sku?: unknown; available?: unknown }[];
}

/**
 * The variant to add: the one the product's link names (`?variant=`), else
 * the one with the card's SKU, else the first on sale, read from the
 * product's own JSON (`/products/<handle>.js`).
 */
async function variantOf(page: ShopPage, product: ProductCard, url: URL): Promise<unknown> {
  const named = url.searchParams.get('variant');
  if (named && /^\d+$/.test(named)) return Number(named);
  const res = await page.fetch(`${url.origin}${url.pathname.replace(/\/$/, '')}.js`, { headers: { accept: 'application/json' } });
  if (!res.ok) return null;
  const variants = ((await res.json()) as ShopifyProduct).variants ?? [];
  const chosen = variants.find((v) => product.sku !== null && v.sku === product.sku) ?? variants.find((v) => v.available) ?? variants[0];
  return typeof chosen?.id === 'number' ? chosen.id : null;
}

/** Shopify's AJAX cart: `/cart/add.js` under the store's locale root ("/es/"), one of the variant. */
function shopifyCart(page: ShopPage): ShopCart {
  const routes = (page.Shopify as { routes?: { root?: unknown } }).routes;
  const root = typeof routes?.root === 'string' && routes.root.startsWith('/') ? routes.root.replace(/\/?$/, '/') : '/';
  return {
    async add(product) {
      try {
        const url = new URL(product.url);
        // The cart is the store's own: a product of another origin is not this store's to add.
        if (url.origin !== page.location.origin) return false;
        const id = await variantOf(page, product, url);
        if (id === null) return false;
        const res = await page.fetch(`${page.location.origin}${root}cart/add.js`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ items: [{ id, quantity: 1 }] }),
        });
        return res.ok;
      } catch {
        return false;
      }
    },
  };
}

/**
 * How this shop takes a product into its cart, or null when it does not
 * (then a card only opens the product). A merchant's own hook wins over
 * Shopify's cart: a store that registers one has a cart drawer or app of
 * its own to update.
 */
export function shopCartOf(page: ShopPage | null, hook: unknown): ShopCart | null {
  if (typeof hook === 'function') return hookCart(hook as (product: ProductCard) => unknown);
  return page && isShopify(page) ? shopifyCart(page) : null;
}
