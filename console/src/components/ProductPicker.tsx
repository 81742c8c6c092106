import type { ProductCard } from '@mostrador/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/context.ts';
import { productPrice } from './ProductCardView.tsx';
import { SITE_SEARCH_MIN, useSiteProducts } from './useSiteProducts.ts';

interface ProductPickerProps {
  id: string;
  /** The visitor's products, newest first. */
  products: readonly ProductCard[];
  onPick: (product: ProductCard) => void;
  /** Escape or the close button: nothing picked. */
  onClose: () => void;
  /** The shop's products by name or SKU (any shopper's pages): searched as the agent types; absent, the visitor's only. */
  searchSite?: (query: string) => Promise<readonly ProductCard[]>;
}

/** Products as buttons, each with its price in the console's language: the composer's picker and the admin's reply form. */
export function ProductOptions({ products, onPick }: { products: readonly ProductCard[]; onPick: (product: ProductCard) => void }) {
  const { language } = useI18n();
  return (
    <ul class="product-options">
      {products.map((product) => {
        const price = productPrice(product, language);
        return (
          <li key={product.url}>
            <button type="button" class="product-option" data-part="product-option" title={product.url} onClick={() => onPick(product)}>
              <span class="product-option-name">{product.name}</span>
              {price && <span class="product-option-price">{price}</span>}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The products the visitor viewed, with a filter box that also searches the
 * whole shop's products (from two letters on). Keyboard: the filter has the
 * focus when it opens; the arrow keys move between it and the products of
 * both lists, Enter or Space picks one, Escape closes without picking.
 */
export function ProductPicker({ id, products, onPick, onClose, searchSite }: ProductPickerProps) {
  const { t, language } = useI18n();
  const [filter, setFilter] = useState('');
  const filterRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLElement>(null);
  useEffect(() => filterRef.current?.focus(), []);

  const wanted = filter.trim().toLocaleLowerCase(language);
  const shown = wanted ? products.filter((p) => p.name.toLocaleLowerCase(language).includes(wanted)) : products;
  const site = useSiteProducts(searchSite, filter);
  // The shop's matches the visitor's list does not already offer.
  const more = site.phase === 'done' ? site.products.filter((p) => !shown.some((own) => own.url === p.url)) : [];

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const stops = [filterRef.current, ...(rootRef.current?.querySelectorAll<HTMLButtonElement>('[data-part="product-option"]') ?? [])];
    const at = stops.indexOf(document.activeElement as HTMLInputElement | HTMLButtonElement);
    const next = stops[Math.min(Math.max(at + (event.key === 'ArrowDown' ? 1 : -1), 0), stops.length - 1)];
    event.preventDefault();
    next?.focus();
  }

  const filterId = `${id}-filter`;
  return (
    <section class="product-picker" id={id} ref={rootRef} aria-label={t('products.picker')} onKeyDown={onKeyDown}>
      <div class="product-picker-head">
        <label for={filterId}>{t('products.filter')}</label>
        <input id={filterId} ref={filterRef} type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
        <button type="button" class="link-button" data-part="product-picker-close" onClick={onClose}>
          {t('products.close')}
        </button>
      </div>
      {products.length === 0 ? (
        <p class="panel-note">{t('products.none')}</p>
      ) : shown.length === 0 ? (
        <p class="panel-note" role="status">
          {t('products.noMatch', { filter: filter.trim() })}
        </p>
      ) : (
        <ProductOptions products={shown} onPick={onPick} />
      )}
      {searchSite && (
        <section class="product-shop" aria-label={t('products.fromShop')}>
          <p class="panel-note" role="status" data-part="shop-search-status">
            {site.phase === 'idle' && filter.trim().length < SITE_SEARCH_MIN
              ? t('products.searchHint')
              : site.phase === 'searching'
                ? t('products.searching')
                : more.length > 0
                  ? t('products.shopFound', { count: more.length })
                  : t('products.shopNone', { filter: filter.trim() })}
          </p>
          {more.length > 0 && <ProductOptions products={more} onPick={onPick} />}
        </section>
      )}
    </section>
  );
}
