import type { Cart } from '@mostrador/shared';
import { amount, asList, asObject, cartItem, currency, webUrl } from '@mostrador/shared/shop';

export interface ShopifyCartOptions {
  /** GET `/cart.js`, parsed; a rejection or a non-cart answer is ignored. */
  fetchCart(): Promise<unknown>;
  onCart(cart: Cart): void;
  /** Calls `onCartRequest` on each of the store's own cart changes; returns an unsubscribe. */
  observe(onCartRequest: () => void): () => void;
  debounceMs?: number;
  /** What relative item URLs resolve against; the page's address by default. */
  base?: string;
}

export interface ShopifyCart {
  start(): void;
  stop(): void;
}

export const isShopify = (win: object & { Shopify?: unknown }): boolean => {
  const shopify = asObject(win.Shopify);
  return !!shopify && (typeof shopify.shop === 'string' || shopify.routes != null);
};

/** The store's AJAX cart changes, under a locale prefix or not ("/es/cart/add.js"); never our own GET of "/cart.js". */
const CART_CHANGE = /\/cart\/(add|change|update|clear)(\.js)?(\?|$)/;

/**
 * Sees the store's own cart requests in the Resource Timing stream, so no
 * `fetch` or XMLHttpRequest is wrapped. Returns an unsubscribe.
 */
export function observeCartRequests(win: { PerformanceObserver?: typeof PerformanceObserver }, onCartRequest: () => void): () => void {
  try {
    const observer = new win.PerformanceObserver!((list) => {
      if (list.getEntries().some((entry) => CART_CHANGE.test(entry.name))) onCartRequest();
    });
    observer.observe({ type: 'resource' });
    return () => observer.disconnect();
  } catch {
    // No PerformanceObserver (or no resource timing): only the first fetch informs.
    return () => {};
  }
}

const cents = (value: unknown) => (typeof value === 'number' ? amount(value / 100) : null);

/** `/cart.js`'s answer as a Cart; null when it is not one. */
function toCart(raw: unknown, base: string): Cart | null {
  const cart = asObject(raw) ?? {};
  const code = currency(cart.currency);
  const total = cents(cart.total_price);
  const items = asList(cart.items)
    .map((line) => {
      const fields = asObject(line) ?? {};
      return cartItem(
        fields.sku,
        // `title` already names the variant ("Health potion - S / Low").
        fields.title ?? fields.product_title,
        fields.quantity,
        // After line discounts, so the lines add up to the total as the cart page shows them.
        cents(fields.final_price ?? fields.price),
        webUrl(fields.url, base),
        webUrl(fields.image ?? asObject(fields.featured_image)?.url, base),
      );
    })
    .filter((line) => line !== null)
    .slice(0, 100);
  return code && total !== null ? { items, total, currency: code } : null;
}

/**
 * Follows a Shopify store's cart through its AJAX API: fetched once on
 * start, then again (debounced) after each cart request the store makes.
 */
export function createShopifyCart({ fetchCart, onCart, observe, debounceMs = 300, base = location.href }: ShopifyCartOptions): ShopifyCart {
  let unobserve: (() => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;
  let reported = '';

  const refresh = async () => {
    const request = ++latest;
    try {
      const cart = toCart(await fetchCart(), base);
      const key = JSON.stringify(cart);
      // An older answer arriving after a newer one must not win; nor does anything after stop().
      if (cart && request === latest && unobserve && key !== reported) {
        reported = key;
        onCart(cart);
      }
    } catch {
      // Network error or an HTML error page: the previous cart stays.
    }
  };

  return {
    start() {
      if (unobserve) return;
      reported = '';
      unobserve = observe(() => {
        clearTimeout(timer);
        timer = setTimeout(refresh, debounceMs);
      });
      void refresh();
    },
    stop() {
      clearTimeout(timer);
      unobserve?.();
      unobserve = undefined;
    },
  };
}

/** What the Shopify chunk exports: widget.js fetches it only on a Shopify store (see shopTracker.ts). */
export interface ShopifyModule {
  followShopifyCart: typeof followShopifyCart;
}

/** Follows the store's cart through `/cart.js` on this page, from now on; answers a stop. */
export function followShopifyCart(win: Window & typeof globalThis, onCart: (cart: Cart) => void): () => void {
  const shopify = createShopifyCart({
    fetchCart: () => win.fetch('/cart.js', { credentials: 'same-origin' }).then((r) => r.json()),
    onCart,
    observe: (onCartRequest) => observeCartRequests(win, onCartRequest),
  });
  shopify.start();
  return shopify.stop;
}
