import type { ProductCard } from '@mostrador/shared';
import { type ActivityRepository, catalogUrl } from './activity.repository.ts';

/**
 * The site's product catalogue (the products its pages have shown) as other modules read it: a canned reply may
 * only name a product of it. The demo shop, which Mostrador serves itself, stocks its own products in it.
 */
export class ProductCatalog {
  constructor(private readonly repo: Pick<ActivityRepository, 'catalogProducts' | 'stockCatalog'>) {}

  /**
   * The site's products at these page URLs, each under the URL as given (the catalogue keeps only the parameters
   * that name a product, so another form of the same page finds it); a URL the site's catalogue lacks is absent.
   */
  async byUrl(siteId: string, urls: readonly string[]): Promise<Map<string, ProductCard>> {
    const cards = new Map((await this.repo.catalogProducts(siteId, urls)).map((card) => [card.url, card]));
    const found = new Map<string, ProductCard>();
    for (const url of urls) {
      const card = cards.get(catalogUrl(url));
      if (card) found.set(url, card);
    }
    return found;
  }

  /** Adds a shop's own products, as seen today; a product its pages have shown already is left as they showed it. */
  stock(siteId: string, products: readonly ProductCard[]): Promise<void> {
    return this.repo.stockCatalog(siteId, products, Date.now());
  }
}
