import type { Availability, PageMarkup, Product } from '@mostrador/shared';

const SCHEMA_AVAILABILITY: Record<Availability, string> = {
  in_stock: 'https://schema.org/InStock',
  out_of_stock: 'https://schema.org/OutOfStock',
  preorder: 'https://schema.org/PreOrder',
  backorder: 'https://schema.org/BackOrder',
  limited: 'https://schema.org/LimitedAvailability',
  discontinued: 'https://schema.org/Discontinued',
};

/** A page's markup that describes `product` as a shop's JSON-LD would (none for null): what the widget sends for a product page. */
export function productMarkup(product: Product | null): PageMarkup {
  if (!product) return { jsonLd: [], meta: {} };
  const offer = {
    '@type': 'Offer',
    ...(product.price !== null && { price: product.price }),
    ...(product.currency && { priceCurrency: product.currency }),
    ...(product.availability && { availability: SCHEMA_AVAILABILITY[product.availability] }),
  };
  const block = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: product.name,
    ...(product.sku && { sku: product.sku }),
    ...(product.image && { image: product.image }),
    offers: offer,
  };
  return { jsonLd: [JSON.stringify(block)], meta: {} };
}
