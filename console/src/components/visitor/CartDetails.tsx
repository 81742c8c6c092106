import type { Cart, CartStage } from '@mostrador/shared';
import { useI18n } from '../../i18n/context.ts';
import { ExternalLink } from './ExternalLink.tsx';
import { formatMoney } from './format.ts';

interface CartDetailsProps {
  cart: Cart | null;
  stage: CartStage | null;
}

/** What is in the cart now, priced line by line, and whether the visitor is paying or has paid. */
export function CartDetails({ cart, stage }: CartDetailsProps) {
  const { t, language } = useI18n();
  return (
    <>
      {stage === 'checkout' && (
        <p class="cart-stage checkout" data-part="cart-stage" data-stage="checkout">
          {t('visitor.stageCheckout')}
        </p>
      )}
      {stage === 'purchase' && (
        <p class="cart-stage purchase" data-part="cart-stage" data-stage="purchase">
          {t('visitor.stagePurchase')}
        </p>
      )}
      {cart === null || cart.items.length === 0 ? (
        <p class="panel-note">{t('visitor.cartEmpty')}</p>
      ) : (
        <table class="cart-table" data-part="cart">
          <thead>
            <tr>
              <th scope="col">{t('visitor.cartItem')}</th>
              <th scope="col" class="numeric">
                {t('visitor.cartQty')}
              </th>
              <th scope="col" class="numeric">
                {t('visitor.cartUnitPrice')}
              </th>
              <th scope="col" class="numeric">
                {t('visitor.cartLineTotal')}
              </th>
            </tr>
          </thead>
          <tbody>
            {cart.items.map((item, index) => (
              <tr key={`${item.sku ?? item.name}-${index}`} data-part="cart-item">
                <th scope="row">{item.url ? <ExternalLink url={item.url}>{item.name}</ExternalLink> : item.name}</th>
                <td class="numeric">{item.qty}</td>
                <td class="numeric">{formatMoney(item.price, cart.currency, language)}</td>
                <td class="numeric">{formatMoney(item.price * item.qty, cart.currency, language)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                {t('visitor.cartTotal')}
              </th>
              <td class="numeric" data-part="cart-total">
                {formatMoney(cart.total, cart.currency, language)}
              </td>
            </tr>
          </tfoot>
        </table>
      )}
    </>
  );
}
