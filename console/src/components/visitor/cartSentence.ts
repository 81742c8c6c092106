import type { CartChange } from '@mostrador/shared';
import type { Language, Translate } from '../../i18n/index.ts';
import { formatMoney, orderNumberText } from './format.ts';

/** One step of the cart's history as a sentence: "Added 2 × Hoodie M · subtotal 84,00 €". */
export function cartSentence(change: CartChange, t: Translate, language: Language): string {
  const total = formatMoney(change.total, change.currency, language);
  const name = change.item?.name ?? t('cart.someItem');
  // The server always counts added, removed and changed items; one is the safe reading if not.
  const qty = change.qty ?? 1;
  switch (change.change) {
    case 'added':
      return t('cart.added', { qty, name, total });
    case 'removed':
      return t('cart.removed', { qty, name, total });
    case 'quantity':
      return t('cart.quantity', { qty, name, total });
    case 'checkout':
      return t('cart.checkout', { total });
    case 'purchase': {
      const number = change.order ? orderNumberText(change.order) : '';
      return number ? t('cart.purchaseOrder', { number, total }) : t('cart.purchase', { total });
    }
    case 'cleared':
      return t('cart.cleared');
  }
}
