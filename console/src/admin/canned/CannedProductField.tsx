import type { ProductCard } from '@mostrador/shared';
import { useId, useRef, useState } from 'preact/hooks';
import type { ProductSearch } from '../../api/productSearch.ts';
import { productPrice } from '../../components/ProductCardView.tsx';
import { ProductOptions } from '../../components/ProductPicker.tsx';
import { SITE_SEARCH_MIN, useSiteProducts } from '../../components/useSiteProducts.ts';
import { useI18n } from '../../i18n/context.ts';
import { useAdminI18n } from '../i18n/index.ts';

/** The product a reply will be saved with: its page's URL, and its card while the shop's catalogue has it. */
export interface ChosenProduct {
  url: string;
  card: ProductCard | null;
}

interface CannedProductFieldProps {
  product: ChosenProduct | null;
  onChange: (product: ChosenProduct | null) => void;
  /** The shop's products, searched as the composer's picker searches them; absent, the field only shows and removes one. */
  search?: ProductSearch | undefined;
}

/**
 * A reply's one product: the one chosen (with a button to remove it), and a box that searches the shop's
 * products by name or SKU from two letters on; a click on one chooses it. Saved with the reply.
 */
export function CannedProductField({ product, onChange, search }: CannedProductFieldProps) {
  const { t } = useAdminI18n();
  const { t: tc, language } = useI18n();
  const id = useId();
  const [query, setQuery] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const found = useSiteProducts(search, query);
  const wanted = query.trim();
  const price = product?.card ? productPrice(product.card, language) : null;

  return (
    <fieldset class="field canned-product" data-part="canned-product-field">
      <legend>{t('canned.product')}</legend>
      <p class="field-hint" id={`${id}-hint`}>
        {t('canned.productHint')}
      </p>
      {product && (
        <div class="canned-product-chosen" data-part="canned-product-chosen">
          <span>
            {product.card
              ? t('canned.productChosen', { name: price ? `${product.card.name}, ${price}` : product.card.name })
              : t('canned.productGone', { url: product.url })}
          </span>
          <button type="button" class="button" onClick={() => onChange(null)}>
            {t('canned.productRemove')}
          </button>
        </div>
      )}
      {search && (
        <>
          <label for={id}>{product ? t('canned.productReplace') : t('canned.productSearch')}</label>
          <input
            id={id}
            ref={inputRef}
            type="search"
            autoComplete="off"
            aria-describedby={`${id}-hint`}
            value={query}
            onInput={(event) => setQuery(event.currentTarget.value)}
          />
          <p class="field-hint" role="status" data-part="canned-product-status">
            {found.phase === 'idle' && wanted.length < SITE_SEARCH_MIN
              ? tc('products.searchHint')
              : found.phase === 'searching'
                ? tc('products.searching')
                : found.phase === 'done' && found.products.length > 0
                  ? t('canned.productFound', { count: found.products.length })
                  : t('canned.productNone', { filter: wanted })}
          </p>
          {found.phase === 'done' && found.products.length > 0 && (
            <ProductOptions
              products={found.products}
              onPick={(picked) => {
                onChange({ url: picked.url, card: picked });
                setQuery('');
                // The list it was picked from goes: the search box keeps the focus.
                inputRef.current?.focus();
              }}
            />
          )}
        </>
      )}
    </fieldset>
  );
}
