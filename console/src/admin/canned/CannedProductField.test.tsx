import type { ProductCard } from '@mostrador/shared';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backpack, replyWithProduct } from '../../canned/cannedFixtures.ts';
import { stubApi } from '../testApi.ts';
import { CannedForm } from './CannedForm.tsx';

const hoodie: ProductCard = { ...backpack, name: 'Dessuadora', url: 'https://shop.example/p/dessuadora', price: 42, sku: 'HOOD' };
const reply = replyWithProduct();

const chosen = (container: Element) => container.querySelector('[data-part="canned-product-chosen"]')?.textContent ?? null;

describe('a canned reply’s product on the admin page', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('finds a product with the shop’s search, chooses it with a click and saves the new reply with its URL', async () => {
    const api = stubApi({ 'POST /api/canned-replies': [201, { reply }] });
    const search = vi.fn(async (query: string) => (query.startsWith('mo') ? [backpack] : []));
    const onSaved = vi.fn();
    const { container } = render(<CannedForm departments={[]} onSaved={onSaved} searchProducts={search} />);
    fireEvent.input(container.querySelector('input[name="shortcut"]')!, { target: { value: 'bag' } });
    fireEvent.input(container.querySelector('input[name="title"]')!, { target: { value: 'The backpack' } });
    fireEvent.input(container.querySelector('textarea[name="body-ca"]')!, { target: { value: 'Aquí la tens' } });
    const box = screen.getByLabelText<HTMLInputElement>('Search the shop’s products');
    const status = () => container.querySelector('[data-part="canned-product-status"]')!.textContent;
    expect(status()).toBe('Type two letters or more to search the whole shop.');

    fireEvent.input(box, { target: { value: 'zz' } });
    await waitFor(() => expect(status()).toBe('No product of the shop matches “zz”.'));
    fireEvent.input(box, { target: { value: 'mo' } });
    const option = await screen.findByRole('button', { name: /Motxilla de lona/ });
    expect(search).toHaveBeenLastCalledWith('mo');
    expect(status()).toBe('Products found: 1.');
    fireEvent.click(option);
    expect(chosen(container)).toContain('Product card: Motxilla de lona, €119.00');
    // The list it came from is gone, and the search box keeps the focus.
    expect(screen.queryByRole('button', { name: /Motxilla de lona/ })).toBeNull();
    expect(document.activeElement).toBe(screen.getByLabelText('Search for another product'));

    fireEvent.submit(container.querySelector('form')!);
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.writes()).toEqual([
      { method: 'POST', path: '/api/canned-replies', body: expect.objectContaining({ shortcut: 'bag', productUrl: backpack.url }) },
    ]);
    // The form is clear for the next reply.
    expect(chosen(container)).toBeNull();
  });

  it('sends the product only when it changed: replaced, removed, or kept as it was', async () => {
    const api = stubApi({ 'PATCH /api/canned-replies/cnr_bag': [200, { reply }] });
    const onSaved = vi.fn();
    const search = vi.fn(async () => [hoodie]);
    const { container } = render(<CannedForm reply={reply} departments={[]} onSaved={onSaved} searchProducts={search} />);
    expect(chosen(container)).toContain('Motxilla de lona');
    fireEvent.submit(container.querySelector('form')!);
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(api.writes()[0]!.body).not.toHaveProperty('productUrl');

    fireEvent.input(screen.getByLabelText('Search for another product'), { target: { value: 'dess' } });
    fireEvent.click(await screen.findByRole('button', { name: /Dessuadora/ }));
    fireEvent.submit(container.querySelector('form')!);
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(2));
    expect(api.writes()[1]!.body).toMatchObject({ productUrl: hoodie.url });

    screen.getByRole('button', { name: 'Remove the product' }).click();
    await waitFor(() => expect(chosen(container)).toBeNull());
    fireEvent.submit(container.querySelector('form')!);
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(3));
    expect(api.writes()[2]!.body).toMatchObject({ productUrl: null });
  });

  it('says so when the shop’s catalogue no longer has the reply’s product, and keeps it unless removed', async () => {
    const api = stubApi({ 'PATCH /api/canned-replies/cnr_bag': [200, { reply }] });
    const onSaved = vi.fn();
    const { container } = render(<CannedForm reply={{ ...reply, product: undefined }} departments={[]} onSaved={onSaved} />);
    expect(chosen(container)).toContain(`The shop’s catalogue no longer has ${backpack.url}`);
    fireEvent.submit(container.querySelector('form')!);
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.writes()[0]!.body).not.toHaveProperty('productUrl');
  });
});
