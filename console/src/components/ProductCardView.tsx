import type { ProductCard } from '@mostrador/shared';
import { useI18n } from '../i18n/context.ts';
import { ExternalLink } from './visitor/ExternalLink.tsx';
import { formatMoney, safeHref } from './visitor/format.ts';

/** Thumbnails are small and fixed, so a slow image never shifts the log. */
const THUMB_PX = 48;

/** The price as the console's language writes it; null when the page gave no price or no currency. */
export function productPrice(product: ProductCard, language: Parameters<typeof formatMoney>[2]): string | null {
  return product.price !== null && product.currency !== null ? formatMoney(product.price, product.currency, language) : null;
}

/** A product card in the history, as the shopper gets it: picture, name (a link to its page) and price. */
export function ProductCardView({ product }: { product: ProductCard }) {
  const { t, language } = useI18n();
  const image = product.image ? safeHref(product.image) : null;
  const price = productPrice(product, language);
  return (
    <div class="product-card" data-part="product-card" role="group" aria-label={t('products.card', { name: product.name })}>
      {/* The name beside it says what the picture shows: the picture itself is decoration. */}
      {image && <img class="product-card-image" src={image} alt="" loading="lazy" width={THUMB_PX} height={THUMB_PX} />}
      <span class="product-card-text">
        <ExternalLink url={product.url} class="product-card-name">
          {product.name}
        </ExternalLink>
        {price && <span class="product-card-price">{price}</span>}
      </span>
    </div>
  );
}
