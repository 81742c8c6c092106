import type { ProductCard } from '@mostrador/shared';
import { act, cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { message } from '../chat/testEvents.ts';
import { createTranslator } from '../i18n/catalogue.ts';
import { catalogues } from '../i18n/catalogues.ts';
import { flush } from '../transport/fakeTransport.ts';
import { MessageItem } from './MessageItem.tsx';
import type { ShopCart } from './shopCart.ts';
import { renderInEnglish } from './testRender.tsx';
import { setTranslator } from './translation.ts';

afterEach(cleanup);

const HOODIE: ProductCard = {
  name: 'Dessuadora Cap de Creus',
  url: 'https://shop.example/products/hoodie',
  price: 42,
  currency: 'EUR',
  image: 'https://cdn.shop.example/hoodie.jpg',
  sku: 'HOOD-M',
};

function cardOf(product: ProductCard, cart?: ShopCart | null, body = '') {
  const ui = (
    <ol>
      <MessageItem
        entry={{ kind: 'event', event: message(3, { body, product }), showAuthor: true, read: false }}
        cart={cart === undefined ? undefined : () => cart}
        onRetry={() => {}}
      />
    </ol>
  );
  const view = renderInEnglish(ui);
  const q = <E extends Element>(selector: string) => view.container.querySelector<E>(selector);
  return { ...view, q, card: () => q<HTMLElement>('[data-part="product-card"]')! };
}

describe('a product card in the chat', () => {
  it('shows the picture, the name, the price and an "Open" link to a new tab without an opener, and no empty bubble', () => {
    const { card, q } = cardOf(HOODIE);
    expect(card().getAttribute('aria-label')).toBe('Product: Dessuadora Cap de Creus');
    expect(q('img')?.getAttribute('src')).toBe(HOODIE.image);
    expect(q('img')?.getAttribute('alt')).toBe('');
    expect(q('.product-name')?.textContent).toBe(HOODIE.name);
    expect(q('.product-price')?.textContent).toBe('€42.00');
    const open = q<HTMLAnchorElement>('[data-part="product-open"]')!;
    expect([open.getAttribute('href'), open.target, open.rel]).toEqual([HOODIE.url, '_blank', 'noopener noreferrer']);
    expect(open.textContent).toBe('Open Dessuadora Cap de Creus (opens in a new tab)');
    expect(q('[data-part="body"]')).toBeNull();
    // No way to add it to a cart was given: no button.
    expect(q('[data-part="product-add"]')).toBeNull();
  });

  it('writes the price in the shopper’s language, under the agent’s words', () => {
    setTranslator(createTranslator(catalogues.ca));
    const event = message(3, { body: 'Aquesta?', product: HOODIE });
    const { container } = render(
      <ol>
        <MessageItem entry={{ kind: 'event', event, showAuthor: true, read: false }} onRetry={() => {}} />
      </ol>,
    );
    expect(container.querySelector('.product-price')?.textContent).toBe('42,00\u00a0€');
    expect(container.querySelector('[data-part="body"]')?.textContent).toBe('Aquesta?');
    expect(container.querySelector('[data-part="product-open"]')?.textContent).toBe(
      'Obre Dessuadora Cap de Creus (s’obre en una pestanya nova)',
    );
  });

  it('never makes a link or a picture of anything but http(s), and shows no price without a currency', () => {
    const { q } = cardOf({ ...HOODIE, url: 'javascript:alert(1)', image: 'data:image/png;base64,AAAA', currency: null });
    expect(q('a')).toBeNull();
    expect(q('img')).toBeNull();
    expect(q('.product-price')).toBeNull();
    expect(q('.product-name')?.textContent).toBe(HOODIE.name);
  });

  it('adds the product to the cart where the shop allows it, and says how it went', async () => {
    let finish: (added: boolean) => void = () => {};
    const cart: ShopCart = { add: vi.fn(() => new Promise<boolean>((resolve) => (finish = resolve))) };
    const { q } = cardOf(HOODIE, cart);
    const add = q<HTMLButtonElement>('[data-part="product-add"]')!;
    expect(add.textContent).toBe('Add to cart Dessuadora Cap de Creus');
    await act(() => {
      fireEvent.click(add);
    });
    expect(cart.add).toHaveBeenCalledWith(HOODIE);
    expect(add.disabled).toBe(true);
    expect(q('[role="status"]')?.textContent).toBe('Adding Dessuadora Cap de Creus to the cart…');
    await act(async () => {
      finish(true);
      await flush();
    });
    expect(q('[role="status"]')?.textContent).toBe('Dessuadora Cap de Creus is in your cart.');
    expect(add.disabled).toBe(false);

    await act(async () => {
      fireEvent.click(add);
      finish(false);
      await flush();
    });
    expect(q('[role="status"]')?.textContent).toBe("Dessuadora Cap de Creus couldn't be added to the cart.");
  });
});
