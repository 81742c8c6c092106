import type { ProductCard } from '@mostrador/shared';
import { useI18n } from '../i18n/context.ts';

/** The product card waiting to go with the next reply, removable. */
export function PendingProduct({ product, onRemove }: { product: ProductCard; onRemove: () => void }) {
  const { t } = useI18n();
  return (
    <p class="pending-product" data-part="pending-product">
      <span>{t('products.pending', { name: product.name })}</span>
      <button type="button" class="button" aria-label={t('products.remove', { name: product.name })} onClick={onRemove}>
        ×
      </button>
    </p>
  );
}
