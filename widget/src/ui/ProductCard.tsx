import type { ProductCard as Card } from '@mostrador/shared';
import { Component } from 'preact';
import type { ShopCart } from './shopCart.ts';
import { t } from './translation.ts';

/** Only http(s) reaches an href or a src: the server checks it too, and this keeps the widget safe on its own. */
const web = (url: string | null): string | null => (url && /^https?:\/\/[^\s]+$/i.test(url) ? url : null);

/** The price in the shopper's language; null without one, or with a currency the browser does not know. */
function priceOf(card: Card): string | null {
  if (card.price === null || card.currency === null) return null;
  try {
    return new Intl.NumberFormat(t('locale'), { style: 'currency', currency: card.currency }).format(card.price);
  } catch {
    return null;
  }
}

interface ProductCardProps {
  card: Card;
  /** How the shop takes the product into its cart; null or absent: no "Add to cart". */
  cart?: ShopCart | null | undefined;
}

type Adding = 'idle' | 'adding' | 'added' | 'failed';

/**
 * A product an agent showed the shopper: picture, name, price, a link that
 * opens it in a new tab, and "Add to cart" where the shop allows it. Its
 * outcome is said in words (a status line), not only by the button.
 */
export class ProductCard extends Component<ProductCardProps, { adding: Adding }> {
  override state = { adding: 'idle' as Adding };

  #add = async () => {
    const { card, cart } = this.props;
    if (!cart || this.state.adding === 'adding') return;
    this.setState({ adding: 'adding' });
    this.setState({ adding: (await cart.add(card)) ? 'added' : 'failed' });
  };

  override render() {
    const { card, cart } = this.props;
    const { adding } = this.state;
    const href = web(card.url);
    const image = web(card.image);
    const price = priceOf(card);
    const status =
      adding === 'adding'
        ? t('productAdding', { name: card.name })
        : adding === 'added'
          ? t('productAdded', { name: card.name })
          : adding === 'failed'
            ? t('productAddFailed', { name: card.name })
            : '';
    return (
      <div class="product" data-part="product-card" role="group" aria-label={t('productCard', { name: card.name })}>
        {/* The name beside it says what the picture shows. */}
        {image && <img class="product-image" src={image} alt="" width={64} height={64} loading="lazy" />}
        <div class="product-text">
          <span class="product-name">{card.name}</span>
          {price && <span class="product-price">{price}</span>}
          <span class="product-actions">
            {href && (
              <a class="product-open" data-part="product-open" href={href} target="_blank" rel="noopener noreferrer">
                {t('productOpen')}
                <span class="hidden-label">{` ${card.name} ${t('fileNewTab')}`}</span>
              </a>
            )}
            {cart && (
              <button type="button" class="product-add" data-part="product-add" disabled={adding === 'adding'} onClick={this.#add}>
                {t('productAdd')}
                <span class="hidden-label">{` ${card.name}`}</span>
              </button>
            )}
          </span>
          <span class="product-status" role="status">
            {status}
          </span>
        </div>
      </div>
    );
  }
}
