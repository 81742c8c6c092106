import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import type { PageRecord, Product, ProductCard } from '@mostrador/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nContext } from '../i18n/context.ts';
import { translatorFor } from '../i18n/index.ts';
import { agentMessage } from '../state/testFixtures.ts';
import { Composer } from './Composer.tsx';
import { MessageItem } from './MessageItem.tsx';
import { productsOfTrail } from './trailProducts.ts';

const product = (name: string, price: number | null = 42): Product => ({
  name,
  sku: null,
  price,
  currency: price === null ? null : 'EUR',
  image: `https://cdn.shop.example/${name}.jpg`,
  availability: null,
});
const visit = (path: string, at: number, p: Product | null): PageRecord => ({
  url: `https://shop.example${path}`,
  title: path,
  referrer: '',
  product: p,
  at,
  seconds: null,
});

// The trail as the profile gives it: newest first; the hoodie seen twice, the cart with no product.
const TRAIL: PageRecord[] = [
  visit('/p/hoodie', 500, product('Hoodie', 42)),
  visit('/cart', 400, null),
  visit('/p/cap', 300, product('Cap', 15)),
  visit('/p/hoodie', 200, product('Hoodie', 40)),
  visit('/p/gift', 100, product('Gift card', null)),
];

function setup(products = productsOfTrail(TRAIL), searchProducts?: (query: string) => Promise<readonly ProductCard[]>) {
  const onSend = vi.fn();
  const view = render(
    <Composer
      conversationId="conv_a"
      drafts={new Map()}
      onSend={onSend}
      products={products}
      onNote={async () => null}
      {...(searchProducts ? { searchProducts } : {})}
    />,
  );
  const q = <E extends Element>(selector: string) => view.container.querySelector<E>(selector);
  const options = () => [...view.container.querySelectorAll<HTMLButtonElement>('[data-part="product-option"]')];
  const send = () => q<HTMLButtonElement>('[data-part="send"]')!;
  return { ...view, onSend, q, options, send, productButton: () => q<HTMLButtonElement>('[data-part="product"]') };
}

describe('the product picker', () => {
  afterEach(cleanup);

  it('lists the visitor’s products newest first, each once, and filters them by name', () => {
    const { productButton, options, q } = setup();
    fireEvent.click(productButton()!);
    expect(productButton()!.getAttribute('aria-expanded')).toBe('true');
    const filter = q<HTMLInputElement>('.product-picker input')!;
    expect(document.activeElement).toBe(filter);
    expect(options().map((o) => o.textContent)).toEqual(['Hoodie€42.00', 'Cap€15.00', 'Gift card']);
    fireEvent.input(filter, { target: { value: 'CA' } });
    expect(options().map((o) => o.textContent)).toEqual(['Cap€15.00', 'Gift card']);
    fireEvent.input(filter, { target: { value: 'socks' } });
    expect(options()).toEqual([]);
    expect(q('.product-picker [role="status"]')?.textContent).toBe('No product matches “socks”.');
  });

  it('is worked from the keyboard: arrows move through the products, Escape closes it back on its button', () => {
    const { productButton, options, q } = setup();
    fireEvent.click(productButton()!);
    const filter = q<HTMLInputElement>('.product-picker input')!;
    fireEvent.keyDown(filter, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(options()[0]);
    fireEvent.keyDown(options()[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(options()[1]);
    fireEvent.keyDown(options()[1]!, { key: 'ArrowUp' });
    fireEvent.keyDown(options()[0]!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(filter);
    fireEvent.keyDown(filter, { key: 'Escape' });
    expect(q('.product-picker')).toBeNull();
    expect(document.activeElement).toBe(productButton());
  });

  it('attaches the picked product to the next reply, alone if need be, as a removable chip cleared once sent', () => {
    const { productButton, options, q, send, onSend } = setup();
    expect(send().disabled).toBe(true);
    fireEvent.click(productButton()!);
    fireEvent.click(options()[1]!);
    expect(q('.product-picker')).toBeNull();
    expect(document.activeElement).toBe(q('textarea'));
    expect(q('[data-part="pending-product"]')?.textContent).toContain('Product card to send: Cap');

    // Removed, nothing is left to send.
    fireEvent.click(q('[data-part="pending-product"] button')!);
    expect(q('[data-part="pending-product"]')).toBeNull();
    expect(send().disabled).toBe(true);

    fireEvent.click(productButton()!);
    fireEvent.click(options()[1]!);
    expect(send().disabled).toBe(false);
    fireEvent.click(send());
    expect(onSend).toHaveBeenCalledWith('', false, [], {
      name: 'Cap',
      url: 'https://shop.example/p/cap',
      price: 15,
      currency: 'EUR',
      image: 'https://cdn.shop.example/Cap.jpg',
      sku: null,
    });
    expect(q('[data-part="pending-product"]')).toBeNull();
  });

  it('searches the whole shop from two letters, after a pause, offers what the visitor’s list lacks, and sends the one picked', async () => {
    const woolCap: ProductCard = {
      name: 'Cap de llana',
      url: 'https://shop.example/p/wool-cap',
      price: 19,
      currency: 'EUR',
      image: null,
      sku: 'CAP-W',
    };
    const ownCap: ProductCard = { name: 'Cap', url: 'https://shop.example/p/cap', price: 15, currency: 'EUR', image: null, sku: null };
    const searched: string[] = [];
    const { productButton, options, q, send, onSend } = setup(productsOfTrail(TRAIL), async (query) => {
      searched.push(query);
      return [woolCap, ownCap];
    });
    fireEvent.click(productButton()!);
    const status = () => q('[data-part="shop-search-status"]')?.textContent;
    expect(status()).toBe('Type two letters or more to search the whole shop.');
    const filter = q<HTMLInputElement>('.product-picker input')!;
    fireEvent.input(filter, { target: { value: 'c' } });
    fireEvent.input(filter, { target: { value: 'ca' } });
    expect(status()).toBe('Searching the shop…');
    await waitFor(() => expect(status()).toBe('1 more from the shop'));
    // One search for the word typed, not one per key; the visitor's own Cap is not offered twice.
    expect(searched).toEqual(['ca']);
    expect(options().map((o) => o.textContent)).toEqual(['Cap€15.00', 'Gift card', 'Cap de llana€19.00']);
    fireEvent.click(options()[2]!);
    fireEvent.click(send());
    expect(onSend).toHaveBeenCalledWith('', false, [], woolCap);
  });

  it('says so when the visitor saw no product, and has no button in note mode or without a profile', () => {
    const { productButton, q } = setup([]);
    fireEvent.click(productButton()!);
    expect(q('.product-picker')?.textContent).toContain('The visitor has not viewed any product yet.');
    fireEvent.click(q('[data-part="note-toggle"]')!);
    expect(productButton()).toBeNull();
    cleanup();
    const bare = render(<Composer conversationId="conv_b" drafts={new Map()} onSend={vi.fn()} />);
    expect(bare.container.querySelector('[data-part="product"]')).toBeNull();
  });
});

describe('a product card in the history', () => {
  afterEach(cleanup);

  it('shows picture, name linking to the page in a new tab without an opener, and the price in the console’s language', () => {
    const event = {
      ...agentMessage('conv_a', 3, 'Aquesta?'),
      product: {
        name: 'Hoodie',
        url: 'https://shop.example/p/hoodie',
        price: 42,
        currency: 'EUR',
        image: 'https://cdn.shop.example/h.jpg',
        sku: 'H-M',
      },
    };
    const { container } = render(
      <I18nContext.Provider value={{ language: 'ca', t: translatorFor('ca'), setLanguage: () => {} }}>
        <MessageItem event={event} />
      </I18nContext.Provider>,
    );
    const card = container.querySelector('[data-part="product-card"]')!;
    expect(card.getAttribute('aria-label')).toBe('Fitxa de producte: Hoodie');
    const link = card.querySelector('a')!;
    expect([link.textContent, link.getAttribute('href'), link.getAttribute('target'), link.getAttribute('rel')]).toEqual([
      'Hoodie',
      'https://shop.example/p/hoodie',
      '_blank',
      'noopener noreferrer',
    ]);
    expect(card.querySelector('img')?.getAttribute('src')).toBe('https://cdn.shop.example/h.jpg');
    expect(card.querySelector('.product-card-price')?.textContent).toBe('42,00\u00a0€');
  });
});
