import type { PageRecord } from '@mostrador/shared';
import { useI18n } from '../../i18n/context.ts';
import { formatClockTime, formatFullTime } from '../time.ts';
import { ExternalLink } from './ExternalLink.tsx';
import { formatDuration, formatMoney, safeHref } from './format.ts';

/** Thumbnails are small and fixed, so a slow image never shifts the panel. */
const THUMB_PX = 40;

function ProductThumb({ page }: { page: PageRecord }) {
  const image = page.product?.image ? safeHref(page.product.image) : null;
  if (!page.product || image === null) return <span class="product-thumb empty" aria-hidden="true" />;
  return <img class="product-thumb" src={image} alt={page.product.name} loading="lazy" width={THUMB_PX} height={THUMB_PX} />;
}

/** The pages the visitor saw, newest first, with the product each showed and how long they stayed. */
export function PageTrail({ trail }: { trail: readonly PageRecord[] }) {
  const { t, language } = useI18n();
  if (trail.length === 0) return <p class="panel-note">{t('visitor.noPages')}</p>;
  return (
    <ol class="page-trail">
      {trail.map((page, index) => {
        const { product } = page;
        const price =
          product && product.price !== null && product.currency !== null ? formatMoney(product.price, product.currency, language) : null;
        return (
          <li key={`${page.at}-${index}`} class="trail-item" data-part="trail-item" data-current={page.seconds === null}>
            <ProductThumb page={page} />
            <span class="trail-text">
              <ExternalLink url={page.url} class="trail-title">
                {page.title || page.url}
              </ExternalLink>
              {product && (
                <span class="trail-product" data-part="trail-product">
                  {price ? `${product.name} · ${price}` : product.name}
                </span>
              )}
              <span class="trail-meta">
                <time dateTime={new Date(page.at).toISOString()} title={formatFullTime(page.at, language)}>
                  {formatClockTime(page.at, language)}
                </time>
                {' · '}
                {page.seconds === null ? t('visitor.onPageNow') : t('visitor.timeOnPage', { time: formatDuration(page.seconds, language) })}
              </span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
