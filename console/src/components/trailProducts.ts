import type { PageRecord, ProductCard } from '@mostrador/shared';

/**
 * The products a visitor saw, as cards an agent may send: newest first, one
 * per product page (a page seen twice is offered once, as it was last seen).
 * The server builds the card it sends from the same trail; this is its preview.
 */
export function productsOfTrail(trail: readonly PageRecord[]): ProductCard[] {
  const seen = new Set<string>();
  const cards: ProductCard[] = [];
  for (const page of [...trail].sort((a, b) => b.at - a.at)) {
    if (!page.product || seen.has(page.url)) continue;
    seen.add(page.url);
    const { name, price, currency, image, sku } = page.product;
    cards.push({ name, url: page.url, price, currency, image, sku });
  }
  return cards;
}
