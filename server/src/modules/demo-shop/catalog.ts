import type { ProductCard } from '@mostrador/shared';

/** The demo shop's products. Demo seed data only: it exists to show the widget in a real-looking shop. */
export interface DemoProduct {
  slug: string;
  sku: string;
  name: string;
  description: string;
  price: number;
  color: string;
}

export const DEMO_CURRENCY = 'EUR';

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  {
    slug: 'dessuadora-mostrador',
    sku: 'HOOD-M-GRN',
    name: 'Dessuadora Mostrador',
    description: 'Dessuadora de cotó orgànic amb caputxa, teixida a Igualada. Talla M.',
    price: 42,
    color: '#2f6f4f',
  },
  {
    slug: 'espardenyes-de-vetes',
    sku: 'ESP-38-NAT',
    name: 'Espardenyes de vetes',
    description: 'Espardenyes cosides a mà amb sola de jute i vetes de cotó. Número 38.',
    price: 29.5,
    color: '#c08a3e',
  },
  {
    slug: 'motxilla-de-lona',
    sku: 'BAG-CNV-BLU',
    name: 'Motxilla de lona',
    description: 'Motxilla de lona encerada amb butxaca per a portàtil de 15 polzades.',
    price: 119,
    color: '#2b4a7a',
  },
];

export function productBySlug(slug: string): DemoProduct | undefined {
  return DEMO_PRODUCTS.find((p) => p.slug === slug);
}

/** A product's page, under the address the demo shop is reached at (`PUBLIC_URL`). */
export function demoProductUrl(shopUrl: string, slug: string): string {
  return `${shopUrl}/shop/products/${slug}`;
}

/** The card a shopper's browser reports from the product's page (its schema.org data), for the site's catalogue. */
export function demoProductCard(shopUrl: string, product: DemoProduct): ProductCard {
  return {
    name: product.name,
    url: demoProductUrl(shopUrl, product.slug),
    price: product.price,
    currency: DEMO_CURRENCY,
    image: `${shopUrl}/shop/img/${product.slug}.svg`,
    sku: product.sku,
  };
}
