import type { ProductCard } from '@mostrador/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/context.ts';
import { productPrice } from './ProductCardView.tsx';

interface ProductPickerProps {
  id: string;
  /** The visitor's products, newest first. */
  products: readonly ProductCard[];
  onPick: (product: ProductCard) => void;
  /** Escape or the close button: nothing picked. */
  onClose: () => void;
}

/**
 * The products the visitor viewed, with a filter box. Keyboard: the filter
 * has the focus when it opens; the arrow keys move between it and the
 * products, Enter or Space picks one, Escape closes without picking.
 */
export function ProductPicker({ id, products, onPick, onClose }: ProductPickerProps) {
  const { t, language } = useI18n();
  const [filter, setFilter] = useState('');
  const filterRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLElement>(null);
  useEffect(() => filterRef.current?.focus(), []);

  const wanted = filter.trim().toLocaleLowerCase(language);
  const shown = wanted ? products.filter((p) => p.name.toLocaleLowerCase(language).includes(wanted)) : products;

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
        <ul class="product-options">
          {shown.map((product) => {
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
      )}
    </section>
  );
}
